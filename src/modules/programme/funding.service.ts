import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import type { ProjectInput, TransactionInput, TransactionType } from '../../contracts/programme.ts';
import { IATI_TRANSACTION_CODES } from '../../contracts/programme.ts';
import { inTransaction, type Db } from '../../db/client.ts';
import { badRequest, because, notFound, type FieldProblem } from '../../lib/errors.ts';
import { organizations } from '../accounts/accounts.table.ts';
import { ALL_FUNDING, type FundingScope } from '../accounts/policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { participantTranslations, participants } from '../participants/participants.table.ts';
import { donorTable, projectFunding, rateOn, toUsd, type Period } from './funding.arithmetic.ts';
import { currencyRates, donors, projects, transactions } from './programme.table.ts';
import { isUuid, nowOf, type ProgrammeDeps } from './programme.shared.ts';
import { donorVisible, projectVisible, transactionVisible } from './donor.scope.ts';

/* Currency rates */

export async function listRates(db: Db, currency?: string) {
  return db
    .select()
    .from(currencyRates)
    .where(currency ? eq(currencyRates.currency, currency) : undefined)
    .orderBy(asc(currencyRates.currency), desc(currencyRates.validFrom));
}

export async function addRate(
  deps: ProgrammeDeps,
  context: AuditContext,
  input: { currency: string; validFrom: string; usdPerUnit: number },
) {
  if (input.currency === 'USD')
    throw badRequest('validation_failed', 'The US dollar is the reference currency.', [
      { field: 'currency', ...because('usd_no_rate', 'USD needs no rate: it is always 1') },
    ]);
  return inTransaction(deps.db, async (tx) => {
    const [existing] = await tx
      .select()
      .from(currencyRates)
      .where(and(eq(currencyRates.currency, input.currency), eq(currencyRates.validFrom, input.validFrom)));
    if (existing)
      throw badRequest('validation_failed', 'This currency already has a rate from that date.', [
        {
          field: 'validFrom',
          ...because('rate_exists', `${input.currency} already has a rate from ${input.validFrom}; delete it first`, {
            currency: input.currency,
            date: input.validFrom,
          }),
        },
      ]);
    const [row] = await tx.insert(currencyRates).values(input).returning();
    await recordAudit(
      tx,
      context,
      { action: 'programme.rate.create', entityType: 'currency_rate', entityId: row!.id, after: input },
      nowOf(deps),
    );
    return row!;
  });
}

export async function deleteRate(deps: ProgrammeDeps, context: AuditContext, id: string) {
  if (!isUuid(id)) throw notFound('programme.rate_not_found', 'There is no such rate.');
  await inTransaction(deps.db, async (tx) => {
    const [row] = await tx.delete(currencyRates).where(eq(currencyRates.id, id)).returning();
    if (!row) throw notFound('programme.rate_not_found', 'There is no such rate.');
    await recordAudit(
      tx,
      context,
      { action: 'programme.rate.delete', entityType: 'currency_rate', entityId: id, before: row },
      nowOf(deps),
    );
  });
}

/** US dollars for an amount on a date, or a field-level error naming the missing rate. */
export async function convertToUsd(db: Db, amount: number, currency: string, date: string, field = 'currency') {
  const rates =
    currency === 'USD' ? [] : await db.select().from(currencyRates).where(eq(currencyRates.currency, currency));
  const rate = rateOn(rates, currency, date);
  if (rate === null) {
    const reason =
      rates.length === 0 ? `${currency} is not in the rate table` : `${currency} has no rate on or before ${date}`;
    throw badRequest('programme.no_rate', 'The amount cannot be converted to US dollars.', [{ field, reason }]);
  }
  return { usdRate: rate, usdAmount: toUsd(amount, rate) };
}

/* Donors */

export async function donorNames(db: Db, lang: Language): Promise<Map<string, string>> {
  const rows = await db
    .select({
      id: donors.id,
      name: donors.name,
      participantId: donors.participantId,
      lang: participantTranslations.lang,
      countryName: participantTranslations.name,
    })
    .from(donors)
    .leftJoin(participantTranslations, eq(participantTranslations.participantId, donors.participantId))
    .where(isNull(donors.deletedAt));
  const names = new Map<string, { name: string; score: number }>();
  for (const row of rows) {
    const score = row.lang === lang ? 2 : row.lang === 'en' ? 1 : 0;
    const name = row.name ?? row.countryName ?? row.participantId ?? row.id;
    const current = names.get(row.id);
    if (!current || score > current.score) names.set(row.id, { name, score });
  }
  return new Map([...names].map(([id, { name }]) => [id, name]));
}

export async function listDonors(db: Db, lang: Language, scope: FundingScope = ALL_FUNDING) {
  const [rows, names] = await Promise.all([
    db
      .select()
      .from(donors)
      .where(and(isNull(donors.deletedAt), donorVisible(scope, donors.id))),
    donorNames(db, lang),
  ]);
  return rows
    .map((d) => ({
      id: d.id,
      kind: d.kind as 'state' | 'organization',
      participantId: d.participantId,
      name: names.get(d.id) ?? d.id,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}

export async function addDonor(
  deps: ProgrammeDeps,
  context: AuditContext,
  input: {
    kind: 'state' | 'organization';
    participantId?: string | null | undefined;
    name?: string | null | undefined;
  },
  lang: Language,
) {
  const problems: FieldProblem[] = [];
  if (input.kind === 'state') {
    if (!input.participantId) problems.push({ field: 'participantId', ...because('state_required', 'name the state') });
    else if (
      !(
        await deps.db.select({ id: participants.id }).from(participants).where(eq(participants.id, input.participantId))
      ).length
    )
      problems.push({
        field: 'participantId',
        reason: `${input.participantId} is not a known country`,
        code: 'unknown_country',
        params: { value: input.participantId },
      });
  } else if (!input.name)
    problems.push({ field: 'name', ...because('organization_name_required', 'name the organization') });
  if (problems.length) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
  const values =
    input.kind === 'state'
      ? { kind: 'state', participantId: input.participantId!, name: null }
      : { kind: 'organization', participantId: null, name: input.name! };
  const duplicate = await deps.db
    .select({ id: donors.id })
    .from(donors)
    .where(
      and(
        isNull(donors.deletedAt),
        values.participantId
          ? eq(donors.participantId, values.participantId)
          : sql`lower(${donors.name}) = lower(${values.name})`,
      ),
    );
  if (duplicate.length)
    throw badRequest('validation_failed', 'This donor is already recorded.', [
      { field: values.participantId ? 'participantId' : 'name', ...because('already_donor', 'is already a donor') },
    ]);
  const id = await inTransaction(deps.db, async (tx) => {
    const [row] = await tx.insert(donors).values(values).returning();
    await recordAudit(
      tx,
      context,
      { action: 'programme.donor.create', entityType: 'donor', entityId: row!.id, after: values },
      nowOf(deps),
    );
    return row!.id;
  });
  return (await listDonors(deps.db, lang)).find((d) => d.id === id)!;
}

/* Projects */

/** A project with the name of its responsible organisation, for display. */
export type ProjectRow = typeof projects.$inferSelect & { organizationName: string };

const projectWithOrganisation = (db: Db) =>
  db
    .select({ ...getTableColumns(projects), organizationName: organizations.name })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.organizationId));

export const presentProject = (p: ProjectRow) => ({
  id: p.id,
  code: p.code,
  title: p.title,
  scope: p.scope as ProjectInput['scope'],
  startDate: p.startDate,
  endDate: p.endDate,
  organizationId: p.organizationId,
  organizationName: p.organizationName,
  themes: p.themes as ProjectInput['themes'],
  regions: p.regions,
  countries: p.countries,
  budgetAmount: p.budgetAmount,
  budgetCurrency: p.budgetCurrency,
  updatedAt: new Date(p.updatedAt).toISOString(),
});

/** A project the reader may see; one it may not is "not found" too, so that its existence does not leak. */
export async function findProject(db: Db, id: string, scope: FundingScope = ALL_FUNDING): Promise<ProjectRow> {
  const [row] = isUuid(id)
    ? await projectWithOrganisation(db).where(
        and(eq(projects.id, id), isNull(projects.deletedAt), projectVisible(scope, projects.id)),
      )
    : [];
  if (!row) throw notFound('programme.project_not_found', 'There is no such project.');
  return row;
}

export async function listProjects(
  db: Db,
  { limit, offset }: { limit: number; offset: number },
  scope: FundingScope = ALL_FUNDING,
) {
  const where = and(isNull(projects.deletedAt), projectVisible(scope, projects.id));
  const [rows, [total]] = await Promise.all([
    projectWithOrganisation(db)
      .where(where)
      .orderBy(desc(projects.startDate), asc(projects.code))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(projects).where(where),
  ]);
  return { total: total!.n, items: rows.map(presentProject) };
}

/** Refuses a project with any problem, by field; answers the responsible organisation's name. */
async function validateProject(db: Db, input: ProjectInput, id: string | null): Promise<string> {
  const problems: FieldProblem[] = [];
  if (input.endDate && input.endDate < input.startDate)
    problems.push({
      field: 'endDate',
      reason: 'must be on or after the start date',
      code: 'before_start_date',
    });
  if ((input.budgetAmount ?? null) !== null && !input.budgetCurrency)
    problems.push({
      field: 'budgetCurrency',
      ...because('budget_currency_required', 'say which currency the budget is in'),
    });
  if (input.countries.length) {
    const known = new Set(
      (
        await db.select({ id: participants.id }).from(participants).where(inArray(participants.id, input.countries))
      ).map((r) => r.id),
    );
    input.countries.forEach(
      (c, i) =>
        known.has(c) ||
        problems.push({
          field: `countries.${i}`,
          reason: `${c} is not a known country`,
          code: 'unknown_country',
          params: { value: c },
        }),
    );
  }
  const clash = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(isNull(projects.deletedAt), sql`lower(${projects.code}) = lower(${input.code})`));
  if (clash.some((r) => r.id !== id))
    problems.push({
      field: 'code',
      ...because('project_code_taken', `another project already has the code ${input.code}`, { value: input.code }),
    });
  const [organisation] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.id, input.organizationId), isNull(organizations.deletedAt)));
  if (!organisation)
    problems.push({
      field: 'organizationId',
      reason: 'is not a known organization',
      code: 'unknown_organization',
    });
  if (problems.length) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
  return organisation!.name;
}

const projectColumns = (input: ProjectInput) => ({
  code: input.code,
  title: input.title,
  scope: input.scope,
  startDate: input.startDate,
  endDate: input.endDate ?? null,
  organizationId: input.organizationId,
  themes: input.themes,
  regions: input.regions,
  countries: input.countries,
  budgetAmount: input.budgetAmount ?? null,
  budgetCurrency: input.budgetCurrency ?? null,
});

export async function createProject(deps: ProgrammeDeps, context: AuditContext, input: ProjectInput) {
  const organizationName = await validateProject(deps.db, input, null);
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx.insert(projects).values(projectColumns(input)).returning();
    await recordAudit(
      tx,
      context,
      { action: 'programme.project.create', entityType: 'project', entityId: row!.id, after: input },
      nowOf(deps),
    );
    return presentProject({ ...row!, organizationName });
  });
}

export async function updateProject(deps: ProgrammeDeps, context: AuditContext, id: string, input: ProjectInput) {
  const before = await findProject(deps.db, id);
  const organizationName = await validateProject(deps.db, input, id);
  return inTransaction(deps.db, async (tx) => {
    const at = nowOf(deps);
    const [row] = await tx
      .update(projects)
      .set({ ...projectColumns(input), updatedAt: at })
      .where(eq(projects.id, id))
      .returning();
    await recordAudit(
      tx,
      context,
      { action: 'programme.project.update', entityType: 'project', entityId: id, before, after: input },
      at,
    );
    return presentProject({ ...row!, organizationName });
  });
}

export async function deleteProject(deps: ProgrammeDeps, context: AuditContext, id: string) {
  const before = await findProject(deps.db, id);
  await inTransaction(deps.db, async (tx) => {
    const at = nowOf(deps);
    await tx.update(projects).set({ deletedAt: at }).where(eq(projects.id, id));
    await recordAudit(
      tx,
      context,
      { action: 'programme.project.delete', entityType: 'project', entityId: id, before },
      at,
    );
  });
}

/* Transactions */

const DONOR_REQUIRED: ReadonlySet<TransactionType> = new Set(['pledge', 'commitment', 'incoming_funds']);
const PROJECT_REQUIRED: ReadonlySet<TransactionType> = new Set(['disbursement', 'expenditure']);

export async function recordTransaction(deps: ProgrammeDeps, context: AuditContext, input: TransactionInput) {
  const problems: FieldProblem[] = [];
  if (DONOR_REQUIRED.has(input.type) && !input.donorId)
    problems.push({
      field: 'donorId',
      ...because(
        'donor_required',
        input.type === 'incoming_funds' ? 'incoming funds need their donor' : `a ${input.type} needs its donor`,
        { type: input.type },
      ),
    });
  if ((PROJECT_REQUIRED.has(input.type) || input.earmarking === 'project') && !input.projectId)
    problems.push({
      field: 'projectId',
      ...(input.earmarking === 'project'
        ? because('earmarked_project_required', 'name the project the funds are earmarked for')
        : because('project_required', `${input.type} is recorded against a project`, { type: input.type })),
    });
  if (input.earmarking === 'theme' && !input.earmarkTheme)
    problems.push({
      field: 'earmarkTheme',
      ...because('earmarked_theme_required', 'name the theme the funds are earmarked for'),
    });
  if (input.earmarking === 'region' && !input.earmarkRegion)
    problems.push({
      field: 'earmarkRegion',
      ...because('earmarked_region_required', 'name the region the funds are earmarked for'),
    });
  if (
    input.donorId &&
    !(
      await deps.db
        .select({ id: donors.id })
        .from(donors)
        .where(and(eq(donors.id, input.donorId), isNull(donors.deletedAt)))
    ).length
  )
    problems.push({
      field: 'donorId',
      reason: 'is not a known donor',
      code: 'unknown_donor',
    });
  if (
    input.projectId &&
    !(
      await deps.db
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, input.projectId), isNull(projects.deletedAt)))
    ).length
  )
    problems.push({
      field: 'projectId',
      reason: 'is not a known project',
      code: 'unknown_project',
    });
  if (problems.length) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
  const { usdRate, usdAmount } = await convertToUsd(deps.db, input.amount, input.currency, input.date);
  const values = {
    type: input.type,
    donorId: input.donorId ?? null,
    projectId: input.projectId ?? null,
    date: input.date,
    amount: input.amount,
    currency: input.currency,
    usdRate,
    usdAmount,
    earmarking: input.earmarking,
    earmarkTheme: input.earmarking === 'theme' ? (input.earmarkTheme ?? null) : null,
    earmarkRegion: input.earmarking === 'region' ? (input.earmarkRegion ?? null) : null,
    description: input.description ?? null,
  };
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx.insert(transactions).values(values).returning();
    await recordAudit(
      tx,
      context,
      { action: 'programme.transaction.create', entityType: 'transaction', entityId: row!.id, after: values },
      nowOf(deps),
    );
    return row!.id;
  });
}

export async function deleteTransaction(deps: ProgrammeDeps, context: AuditContext, id: string) {
  const [before] = isUuid(id)
    ? await deps.db
        .select()
        .from(transactions)
        .where(and(eq(transactions.id, id), isNull(transactions.deletedAt)))
    : [];
  if (!before) throw notFound('programme.transaction_not_found', 'There is no such transaction.');
  await inTransaction(deps.db, async (tx) => {
    const at = nowOf(deps);
    await tx.update(transactions).set({ deletedAt: at }).where(eq(transactions.id, id));
    await recordAudit(
      tx,
      context,
      { action: 'programme.transaction.delete', entityType: 'transaction', entityId: id, before },
      at,
    );
  });
}

export interface TransactionFilter extends Period {
  id?: string | undefined;
  project?: string | undefined;
  donor?: string | undefined;
  type?: TransactionType | undefined;
}

function transactionConditions(filter: TransactionFilter, scope: FundingScope): SQL[] {
  const conditions: SQL[] = [
    isNull(transactions.deletedAt),
    transactionVisible(scope, transactions.donorId, transactions.projectId),
  ];
  if (filter.id) conditions.push(eq(transactions.id, filter.id));
  if (filter.project) conditions.push(eq(transactions.projectId, filter.project));
  if (filter.donor) conditions.push(eq(transactions.donorId, filter.donor));
  if (filter.type) conditions.push(eq(transactions.type, filter.type));
  if (filter.from) conditions.push(gte(transactions.date, filter.from));
  if (filter.to) conditions.push(lte(transactions.date, filter.to));
  return conditions;
}

export async function listTransactions(
  db: Db,
  filter: TransactionFilter & { limit: number; offset: number },
  lang: Language,
  scope: FundingScope = ALL_FUNDING,
) {
  const where = and(...transactionConditions(filter, scope));
  const [rows, [total], names] = await Promise.all([
    db
      .select({ t: transactions, projectCode: projects.code })
      .from(transactions)
      .leftJoin(projects, eq(projects.id, transactions.projectId))
      .where(where)
      .orderBy(desc(transactions.date), desc(transactions.createdAt))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(transactions).where(where),
    donorNames(db, lang),
  ]);
  return {
    total: total!.n,
    items: rows.map(({ t, projectCode }) => ({
      id: t.id,
      type: t.type as TransactionType,
      iatiCode: IATI_TRANSACTION_CODES[t.type as TransactionType],
      donorId: t.donorId,
      donorName: t.donorId ? (names.get(t.donorId) ?? null) : null,
      projectId: t.projectId,
      projectCode,
      date: t.date,
      amount: t.amount,
      currency: t.currency,
      usdAmount: t.usdAmount,
      usdRate: t.usdRate,
      earmarking: t.earmarking as 'project' | 'theme' | 'region' | 'general',
      earmarkTheme: t.earmarkTheme,
      earmarkRegion: t.earmarkRegion,
      description: t.description,
    })),
  };
}

async function fundingRows(
  db: Db,
  { projectId, donorScope = ALL_FUNDING }: { projectId?: string; donorScope?: FundingScope } = {},
) {
  return db
    .select({
      projectId: transactions.projectId,
      type: transactions.type,
      date: transactions.date,
      usdAmount: transactions.usdAmount,
      donorId: transactions.donorId,
      earmarking: transactions.earmarking,
    })
    .from(transactions)
    .where(
      and(
        isNull(transactions.deletedAt),
        projectId ? eq(transactions.projectId, projectId) : undefined,
        donorVisible(donorScope, transactions.donorId),
      ),
    );
}

export async function fundingOfProject(db: Db, projectId: string, period: Period) {
  const rows = await fundingRows(db, { projectId });
  return projectFunding(
    rows.map((r) => ({ ...r, type: r.type as TransactionType })),
    period,
  );
}

/** Each project's figures are the whole project's, whoever reads them: a balance or an execution rate over one donor's money alone would be wrong. */
export async function fundingByProject(db: Db, period: Period, scope: FundingScope = ALL_FUNDING) {
  const [rows, projectRows] = await Promise.all([
    fundingRows(db),
    db
      .select()
      .from(projects)
      .where(and(isNull(projects.deletedAt), projectVisible(scope, projects.id)))
      .orderBy(asc(projects.code)),
  ]);
  return projectRows.map((p) => ({
    projectId: p.id,
    code: p.code,
    title: p.title,
    ...projectFunding(
      rows.filter((r) => r.projectId === p.id).map((r) => ({ ...r, type: r.type as TransactionType })),
      period,
    ),
  }));
}

export async function donorTableFor(db: Db, period: Period, lang: Language, scope: FundingScope = ALL_FUNDING) {
  const [rows, names] = await Promise.all([fundingRows(db, { donorScope: scope }), donorNames(db, lang)]);
  return donorTable(
    rows.map((r) => ({ ...r, type: r.type as TransactionType })),
    names,
    period,
  );
}

export async function currenciesWithRates(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ currency: currencyRates.currency }).from(currencyRates);
  return [
    'USD',
    ...rows
      .map((r) => r.currency)
      .filter((c) => c !== 'USD')
      .sort(),
  ];
}
