import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import {
  TRAINING_TYPES,
  type Activity,
  type ActivityFilter,
  type ActivityInput,
  type ActivityStatus,
  type ActivityType,
} from '../../contracts/programme.ts';
import { inTransaction, rowsOf, type Db } from '../../db/client.ts';
import { AppError, badRequest, because, notFound, type FieldProblem } from '../../lib/errors.ts';
import { organizations } from '../accounts/accounts.table.ts';
import { canEditOrganisationRecord, fundingScopeOf, type Actor } from '../accounts/policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { instruments } from '../instruments/instruments.table.ts';
import { COMMAND_LINE_ACTOR } from '../library/library.documents.ts';
import { libraryDocuments } from '../library/library.table.ts';
import { participants } from '../participants/participants.table.ts';
import { isUuid, nowOf, participantInRegion, type ProgrammeDeps } from './programme.shared.ts';
import { activities, activityCountries, activityDocuments, donors, projects } from './programme.table.ts';
import { deliverOverlapNotices, queueOverlapNotices, type OverlapMailDeps } from './overlap.notices.ts';
import { activityVisible } from './donor.scope.ts';

export type ActivityRow = typeof activities.$inferSelect;

export const isTraining = (type: string) => TRAINING_TYPES.has(type as ActivityType);

/** Every problem with an activity, by field, found before anything is written. */
export async function activityProblems(db: Db, input: ActivityInput): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (input.endDate < input.startDate)
    problems.push({
      field: 'endDate',
      reason: 'must be on or after the start date',
      code: 'before_start_date',
    });
  const counts = input.participants;
  if (counts) {
    if (counts.women + counts.men > counts.total)
      problems.push({
        field: 'participants.women',
        ...because(
          'women_men_over_total',
          `women (${counts.women}) and men (${counts.men}) together are more than the total (${counts.total})`,
          { women: counts.women, men: counts.men, total: counts.total },
        ),
      });
    const professionSum = Object.values(counts.professions).reduce((sum, n) => sum + (n ?? 0), 0);
    if (professionSum > counts.total)
      problems.push({
        field: 'participants.professions',
        ...because(
          'professions_over_total',
          `the professions add up to ${professionSum}, more than the total (${counts.total})`,
          { sum: professionSum, total: counts.total },
        ),
      });
  }
  const countryCodes = [...new Set([...input.countries, ...(input.venueCountry ? [input.venueCountry] : [])])];
  const known = new Set(
    (await db.select({ id: participants.id }).from(participants).where(inArray(participants.id, countryCodes))).map(
      (r) => r.id,
    ),
  );
  input.countries.forEach(
    (code, i) =>
      known.has(code) ||
      problems.push({
        field: `countries.${i}`,
        reason: `${code} is not a known country`,
        code: 'unknown_country',
        params: { value: code },
      }),
  );
  if (new Set(input.countries).size !== input.countries.length)
    problems.push({ field: 'countries', ...because('country_twice', 'names a country twice') });
  if (input.venueCountry && !known.has(input.venueCountry))
    problems.push({
      field: 'venueCountry',
      reason: `${input.venueCountry} is not a known country`,
      code: 'unknown_country',
      params: { value: input.venueCountry },
    });
  if (
    !(
      await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(eq(organizations.id, input.organizationId), isNull(organizations.deletedAt)))
    ).length
  ) {
    problems.push({ field: 'organizationId', reason: 'is not a known organization', code: 'unknown_organization' });
  }
  if (
    input.projectId &&
    !(
      await db
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, input.projectId), isNull(projects.deletedAt)))
    ).length
  ) {
    problems.push({ field: 'projectId', reason: 'is not a known project', code: 'unknown_project' });
  }
  if (input.donorIds.length) {
    const knownDonors = new Set(
      (
        await db
          .select({ id: donors.id })
          .from(donors)
          .where(and(inArray(donors.id, input.donorIds), isNull(donors.deletedAt)))
      ).map((r) => r.id),
    );
    input.donorIds.forEach(
      (id, i) =>
        knownDonors.has(id) ||
        problems.push({
          field: `donorIds.${i}`,
          reason: 'is not a known donor',
          code: 'unknown_donor',
        }),
    );
  }
  if (input.instruments.length) {
    const knownInstruments = new Set(
      (await db.select({ id: instruments.id }).from(instruments).where(inArray(instruments.id, input.instruments))).map(
        (r) => r.id,
      ),
    );
    input.instruments.forEach(
      (id, i) =>
        knownInstruments.has(id) ||
        problems.push({
          field: `instruments.${i}`,
          reason: `${id} is not a known instrument`,
          code: 'unknown_instrument',
          params: { value: id },
        }),
    );
  }
  if (input.documents.length) {
    const ids = input.documents.map((d) => d.documentId);
    const knownDocuments = new Set(
      (
        await db
          .select({ id: libraryDocuments.id })
          .from(libraryDocuments)
          .where(and(inArray(libraryDocuments.id, ids), isNull(libraryDocuments.deletedAt)))
      ).map((r) => r.id),
    );
    input.documents.forEach(
      (d, i) =>
        knownDocuments.has(d.documentId) ||
        problems.push({
          field: `documents.${i}.documentId`,
          ...because('unknown_document', 'is not a document of the library'),
        }),
    );
  }
  return problems;
}

export const activityColumns = (input: ActivityInput) => ({
  code: input.code ?? null,
  title: input.title,
  type: input.type,
  status: input.status,
  startDate: input.startDate,
  endDate: input.endDate,
  online: input.online,
  venueCity: input.venueCity ?? null,
  venueCountry: input.venueCountry ?? null,
  organizationId: input.organizationId,
  partners: input.partners,
  themes: input.themes,
  instruments: input.instruments,
  projectId: input.projectId ?? null,
  donorIds: input.donorIds,
  languages: input.languages,
  participantsTotal: input.participants?.total ?? null,
  participantsWomen: input.participants?.women ?? null,
  participantsMen: input.participants?.men ?? null,
  professions: input.participants ? (input.participants.professions as Record<string, number>) : null,
  institutions: input.institutions,
  notes: input.notes ?? null,
});

/** Writes the beneficiary and document rows of an activity (replacing the old ones). */
export async function writeChildren(tx: Db, id: string, input: ActivityInput) {
  await tx.delete(activityCountries).where(eq(activityCountries.activityId, id));
  await tx.delete(activityDocuments).where(eq(activityDocuments.activityId, id));
  await tx.insert(activityCountries).values(
    input.countries.map((participantId) => ({
      activityId: id,
      participantId,
      startDate: input.startDate,
      endDate: input.endDate,
    })),
  );
  if (input.documents.length)
    await tx.insert(activityDocuments).values(input.documents.map((d) => ({ activityId: id, ...d })));
}

function refuseOutsideOrganisation(actor: Actor, organizationId: string) {
  if (!canEditOrganisationRecord(actor, organizationId)) {
    throw new AppError({
      status: 403,
      code: 'programme.forbidden',
      message: 'You may only record activities of your own organization.',
      problems: [{ field: 'organizationId', ...because('not_your_organization', 'is not your organization') }],
    });
  }
}

export async function findActivity(db: Db, id: string): Promise<ActivityRow> {
  const [row] = isUuid(id)
    ? await db
        .select()
        .from(activities)
        .where(and(eq(activities.id, id), isNull(activities.deletedAt)))
    : [];
  if (!row) throw notFound('programme.activity_not_found', 'There is no such activity.');
  return row;
}

/** Who to tell about new overlaps: with `overlapMail`, both organisations' programme officers are mailed once per pair. */
type WriteDeps = ProgrammeDeps & { overlapMail?: OverlapMailDeps | undefined };

/** The pair's mails are queued in the saving transaction and go out after commit, so a rolled-back save mails nobody. */
async function saveAndNotify(
  deps: WriteDeps,
  save: (tx: Db, at: string) => Promise<string>,
  input: ActivityInput,
): Promise<string> {
  const at = nowOf(deps);
  const { activityId, mailIds } = await inTransaction(deps.db, async (tx) => {
    const activityId = await save(tx, at);
    const mailIds = deps.overlapMail
      ? await queueOverlapNotices(tx, deps.overlapMail, { ...input, id: activityId }, at)
      : [];
    return { activityId, mailIds };
  });
  await deliverOverlapNotices(deps.db, deps.overlapMail, mailIds);
  return activityId;
}

export async function createActivity(
  deps: WriteDeps,
  actor: Actor,
  context: AuditContext,
  input: ActivityInput,
): Promise<{ id: string }> {
  refuseOutsideOrganisation(actor, input.organizationId);
  const problems = await activityProblems(deps.db, input);
  if (problems.length) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
  return { id: await saveAndNotify(deps, (tx, at) => insertActivity(tx, actor, context, input, at), input) };
}

export async function insertActivity(
  tx: Db,
  actor: Actor,
  context: AuditContext,
  input: ActivityInput,
  at: string,
): Promise<string> {
  const createdBy = actor.kind === 'user' && actor !== COMMAND_LINE_ACTOR ? actor.userId : null;
  const [row] = await tx
    .insert(activities)
    .values({ ...activityColumns(input), createdBy, createdAt: at, updatedAt: at })
    .returning({ id: activities.id });
  await writeChildren(tx, row!.id, input);
  await recordAudit(
    tx,
    context,
    { action: 'programme.activity.create', entityType: 'activity', entityId: row!.id, after: input },
    at,
  );
  return row!.id;
}

export async function updateActivity(
  deps: WriteDeps,
  actor: Actor,
  context: AuditContext,
  id: string,
  input: ActivityInput,
): Promise<void> {
  const before = await findActivity(deps.db, id);
  refuseOutsideOrganisation(actor, before.organizationId);
  refuseOutsideOrganisation(actor, input.organizationId);
  const problems = await activityProblems(deps.db, input);
  if (problems.length) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
  await saveAndNotify(
    deps,
    async (tx, at) => {
      await replaceActivity(tx, context, before, input, at);
      return id;
    },
    input,
  );
}

export async function replaceActivity(
  tx: Db,
  context: AuditContext,
  before: ActivityRow,
  input: ActivityInput,
  at: string,
) {
  await tx
    .update(activities)
    .set({ ...activityColumns(input), updatedAt: at })
    .where(eq(activities.id, before.id));
  await writeChildren(tx, before.id, input);
  await recordAudit(
    tx,
    context,
    { action: 'programme.activity.update', entityType: 'activity', entityId: before.id, before, after: input },
    at,
  );
}

export async function deleteActivity(deps: ProgrammeDeps, actor: Actor, context: AuditContext, id: string) {
  const before = await findActivity(deps.db, id);
  refuseOutsideOrganisation(actor, before.organizationId);
  await inTransaction(deps.db, async (tx) => {
    const at = nowOf(deps);
    await tx.update(activities).set({ deletedAt: at }).where(eq(activities.id, id));
    await recordAudit(
      tx,
      context,
      { action: 'programme.activity.delete', entityType: 'activity', entityId: id, before },
      at,
    );
  });
}

/** SQL conditions on alias `a` (activities) for the list, the matrix and the indicators. */
export function activityFilterSql(filter: Omit<ActivityFilter, 'from' | 'to'>) {
  const parts = [sql`a.deleted_at is null`];
  if (filter.type) parts.push(sql`a.type = ${filter.type}`);
  if (filter.status) parts.push(sql`a.status = ${filter.status}`);
  if (filter.theme) parts.push(sql`a.themes @> array[${filter.theme}]::text[]`);
  if (filter.organization) parts.push(sql`a.organization_id = ${filter.organization}`);
  if (filter.partner)
    parts.push(sql`exists (select 1 from unnest(a.partners) p where lower(p) = lower(${filter.partner}))`);
  if (filter.donor) parts.push(sql`a.donor_ids @> array[${filter.donor}]::uuid[]`);
  if (filter.project) parts.push(sql`a.project_id = ${filter.project}`);
  if (filter.country)
    parts.push(
      sql`exists (select 1 from activity_countries c where c.activity_id = a.id and c.participant_id = ${filter.country})`,
    );
  if (filter.region)
    parts.push(
      sql`exists (select 1 from activity_countries c where c.activity_id = a.id and ${participantInRegion(sql`c.participant_id`, filter.region)})`,
    );
  return sql.join(parts, sql` and `);
}

export const ACTIVITY_SORTS = {
  startDate: sql`a.start_date asc, a.title`,
  '-startDate': sql`a.start_date desc, a.title`,
  title: sql`lower(a.title), a.start_date`,
} as const;

export async function listActivities(
  db: Db,
  actor: Actor,
  filter: ActivityFilter & { sort: keyof typeof ACTIVITY_SORTS; limit: number; offset: number },
  lang: Language,
) {
  const where = sql`${activityFilterSql(filter)} and ${activityVisible(fundingScopeOf(actor))}
    ${filter.from ? sql`and a.end_date >= ${filter.from}` : sql``} ${filter.to ? sql`and a.start_date <= ${filter.to}` : sql``}`;
  const [idRows, totalRows] = await Promise.all([
    db.execute(
      sql`select a.id from activities a where ${where} order by ${ACTIVITY_SORTS[filter.sort]} limit ${filter.limit} offset ${filter.offset}`,
    ),
    db.execute(sql`select count(*)::int as n from activities a where ${where}`),
  ]);
  const ids = rowsOf<{ id: string }>(idRows).map((r) => r.id);
  return { total: rowsOf<{ n: number }>(totalRows)[0]!.n, items: await presentActivities(db, actor, ids, lang) };
}

/** Activities as the API shows them, in the order of `ids`. */
export async function presentActivities(db: Db, actor: Actor, ids: string[], lang: Language): Promise<Activity[]> {
  if (ids.length === 0) return [];
  const [rows, countryRows, documentRows] = await Promise.all([
    db
      .select({ a: activities, organizationName: organizations.name, projectCode: projects.code })
      .from(activities)
      .innerJoin(organizations, eq(organizations.id, activities.organizationId))
      .leftJoin(projects, eq(projects.id, activities.projectId))
      .where(inArray(activities.id, ids)),
    db.execute(sql`select c.activity_id, c.participant_id, coalesce(t.name, e.name, c.participant_id) as name from activity_countries c
      left join participant_translations t on t.participant_id = c.participant_id and t.lang = ${lang}
      left join participant_translations e on e.participant_id = c.participant_id and e.lang = 'en'
      where c.activity_id in ${sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`} order by name`),
    db.execute(sql`select ad.activity_id, ad.document_id, ad.role,
        coalesce((select t.title from library_document_titles t where t.document_id = d.id order by t.lang = ${lang} desc, t.lang = 'en' desc, t.lang limit 1), d.uri) as title
      from activity_documents ad join library_documents d on d.id = ad.document_id
      where ad.activity_id in ${sql`(${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`} and d.deleted_at is null`),
  ]);
  const countriesOf = new Map<string, { id: string; name: string }[]>();
  for (const r of rowsOf<{ activity_id: string; participant_id: string; name: string }>(countryRows)) {
    countriesOf.set(r.activity_id, [...(countriesOf.get(r.activity_id) ?? []), { id: r.participant_id, name: r.name }]);
  }
  const documentsOf = new Map<string, { documentId: string; role: string; title: string }[]>();
  for (const r of rowsOf<{ activity_id: string; document_id: string; role: string; title: string }>(documentRows)) {
    documentsOf.set(r.activity_id, [
      ...(documentsOf.get(r.activity_id) ?? []),
      { documentId: r.document_id, role: r.role, title: r.title },
    ]);
  }
  const byId = new Map(rows.map((r) => [r.a.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { a } = row;
    const total = a.participantsTotal;
    return [
      {
        id: a.id,
        code: a.code,
        title: a.title,
        type: a.type as ActivityType,
        status: a.status as ActivityStatus,
        startDate: a.startDate,
        endDate: a.endDate,
        online: a.online,
        venueCity: a.venueCity,
        venueCountry: a.venueCountry,
        countries: countriesOf.get(id) ?? [],
        organizationId: a.organizationId,
        organizationName: row.organizationName,
        partners: a.partners,
        themes: a.themes,
        instruments: a.instruments,
        projectId: a.projectId,
        projectCode: row.projectCode,
        donorIds: a.donorIds,
        languages: a.languages,
        participants:
          total === null
            ? null
            : {
                total,
                women: a.participantsWomen ?? 0,
                men: a.participantsMen ?? 0,
                notRecorded: total - (a.participantsWomen ?? 0) - (a.participantsMen ?? 0),
                professions: a.professions ?? {},
              },
        institutions: a.institutions,
        documents: documentsOf.get(id) ?? [],
        notes: a.notes,
        updatedAt: new Date(a.updatedAt).toISOString(),
        canEdit: canEditOrganisationRecord(actor, a.organizationId),
      },
    ];
  });
}

/** One activity; one the reader may not see (a donor's unfunded activity) is "not found", so that its existence does not leak. */
export async function getActivity(db: Db, actor: Actor, id: string, lang: Language): Promise<Activity> {
  await findActivity(db, id);
  const visible = rowsOf(
    await db.execute(sql`select 1 from activities a where a.id = ${id} and ${activityVisible(fundingScopeOf(actor))}`),
  );
  if (!visible.length) throw notFound('programme.activity_not_found', 'There is no such activity.');
  return (await presentActivities(db, actor, [id], lang))[0]!;
}

/** A country's activity history, newest first. */
export async function countryActivities(db: Db, actor: Actor, code: string, lang: Language, limit = 500) {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`select a.id from activity_countries c join activities a on a.id = c.activity_id
    where c.participant_id = ${code} and a.deleted_at is null and ${activityVisible(fundingScopeOf(actor))} order by a.start_date desc, a.title limit ${limit}`),
  );
  return presentActivities(
    db,
    actor,
    rows.map((r) => r.id),
    lang,
  );
}
