import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import type { IndicatorInput, OutcomeInput } from '../../contracts/programme.ts';
import { inTransaction, rowsOf, type Db } from '../../db/client.ts';
import { badRequest, because, notFound, type FieldProblem } from '../../lib/errors.ts';
import { ALL_FUNDING, type FundingScope } from '../accounts/policy.ts';
import { recordAudit, type AuditContext } from '../audit/audit.service.ts';
import { instruments } from '../instruments/instruments.table.ts';
import { libraryDocuments } from '../library/library.table.ts';
import { participants } from '../participants/participants.table.ts';
import type { StatusDataset } from '../status/status.dataset.ts';
import { nowOf, type ProgrammeDeps } from './programme.shared.ts';
import { activities, outcomeContributions, outcomes, projectIndicators, projects } from './programme.table.ts';
import { activityVisible } from './donor.scope.ts';

/**
 * Outcomes: what changed in a country, and the activities that contributed to it, each with a note.
 * A treaty action must be the one the register records (when it has the instrument's depositary data),
 * so the outcome and the ratification indicators never disagree.
 */
export async function createOutcome(
  deps: ProgrammeDeps,
  context: AuditContext,
  input: OutcomeInput,
  dataset?: StatusDataset,
) {
  const problems: FieldProblem[] = [];
  if (
    !(await deps.db.select({ id: participants.id }).from(participants).where(eq(participants.id, input.participantId)))
      .length
  ) {
    problems.push({
      field: 'participantId',
      reason: `${input.participantId} is not a known country`,
      code: 'unknown_country',
      params: { value: input.participantId },
    });
  }
  if (input.kind === 'treaty_action') {
    if (!input.instrumentId)
      problems.push({
        field: 'instrumentId',
        ...because('instrument_required', 'name the instrument the country joined'),
      });
    else if (
      !(await deps.db.select({ id: instruments.id }).from(instruments).where(eq(instruments.id, input.instrumentId)))
        .length
    )
      problems.push({
        field: 'instrumentId',
        reason: `${input.instrumentId} is not a known instrument`,
        code: 'unknown_instrument',
        params: { value: input.instrumentId },
      });
    else if (dataset?.instrumentsWithData.has(input.instrumentId)) {
      const consent = dataset.participations.get(input.instrumentId)?.get(input.participantId)?.consent;
      // Only a complete list that reaches the outcome's date can say the ratification did not happen.
      const listCovers =
        dataset.instrumentsWithCompleteData.has(input.instrumentId) &&
        input.date <= (dataset.dataAsOf.get(input.instrumentId) ?? '');
      if (!consent) {
        if (listCovers)
          problems.push({
            field: 'instrumentId',
            ...because(
              'no_consent_recorded',
              `the register records no ratification, acceptance, approval, accession or succession of ${input.participantId} to ${input.instrumentId}`,
              { participant: input.participantId, instrument: input.instrumentId },
            ),
          });
      } else if (consent.date !== input.date)
        problems.push({
          field: 'date',
          ...because('consent_recorded_on', `the register records it on ${consent.date}`, { date: consent.date }),
        });
    }
  } else {
    if (!input.documentId)
      problems.push({ field: 'documentId', ...because('law_required', 'name the law in the library') });
    else if (
      !(
        await deps.db
          .select({ id: libraryDocuments.id })
          .from(libraryDocuments)
          .where(and(eq(libraryDocuments.id, input.documentId), isNull(libraryDocuments.deletedAt)))
      ).length
    )
      problems.push({ field: 'documentId', ...because('unknown_document', 'is not a document of the library') });
    if (!input.stage)
      problems.push({
        field: 'stage',
        ...because('stage_required', 'say whether the law was drafted or adopted with assistance'),
      });
  }
  const ids = input.contributions.map((c) => c.activityId);
  const known = new Set(
    (
      await deps.db
        .select({ id: activities.id })
        .from(activities)
        .where(and(inArray(activities.id, ids), isNull(activities.deletedAt)))
    ).map((r) => r.id),
  );
  input.contributions.forEach(
    (c, i) =>
      known.has(c.activityId) ||
      problems.push({
        field: `contributions.${i}.activityId`,
        ...because('unknown_activity', 'is not a known activity'),
      }),
  );
  if (new Set(ids).size !== ids.length)
    problems.push({ field: 'contributions', ...because('activity_twice', 'names an activity twice') });
  if (problems.length) throw badRequest('validation_failed', 'Some fields are not valid.', problems);
  return inTransaction(deps.db, async (tx) => {
    const [row] = await tx
      .insert(outcomes)
      .values({
        kind: input.kind,
        participantId: input.participantId,
        instrumentId: input.kind === 'treaty_action' ? (input.instrumentId ?? null) : null,
        documentId: input.kind === 'library_document' ? (input.documentId ?? null) : null,
        stage: input.kind === 'library_document' ? (input.stage ?? null) : null,
        date: input.date,
        description: input.description ?? null,
      })
      .returning();
    await tx
      .insert(outcomeContributions)
      .values(input.contributions.map((c) => ({ outcomeId: row!.id, activityId: c.activityId, note: c.note })));
    await recordAudit(
      tx,
      context,
      { action: 'programme.outcome.create', entityType: 'outcome', entityId: row!.id, after: input },
      nowOf(deps),
    );
    return row!.id;
  });
}

/** Outcomes with their contributions; a donor sees those an activity it funded contributed to, and only those contributions. */
export async function listOutcomes(
  db: Db,
  filter: { id?: string | undefined; country?: string | undefined; activity?: string | undefined },
  lang: Language,
  scope: FundingScope = ALL_FUNDING,
) {
  const visible = activityVisible(scope);
  const rows = rowsOf<{
    id: string;
    kind: string;
    participant_id: string;
    country_name: string;
    instrument_id: string | null;
    document_id: string | null;
    document_title: string | null;
    stage: string | null;
    date: string;
    description: string | null;
  }>(
    await db.execute(sql`
    select o.id, o.kind, o.participant_id, coalesce(pt.name, pe.name, o.participant_id) as country_name, o.instrument_id, o.document_id,
      (select t.title from library_document_titles t where t.document_id = o.document_id order by t.lang = ${lang} desc, t.lang = 'en' desc, t.lang limit 1) as document_title, o.stage, o.date::text as date, o.description
    from outcomes o
    left join participant_translations pt on pt.participant_id = o.participant_id and pt.lang = ${lang}
    left join participant_translations pe on pe.participant_id = o.participant_id and pe.lang = 'en'
    where o.deleted_at is null ${filter.id ? sql`and o.id = ${filter.id}` : sql``} ${filter.country ? sql`and o.participant_id = ${filter.country}` : sql``}
      ${filter.activity ? sql`and exists (select 1 from outcome_contributions oc where oc.outcome_id = o.id and oc.activity_id = ${filter.activity})` : sql``}
      ${scope.kind === 'all' ? sql`` : sql`and exists (select 1 from outcome_contributions oc join activities a on a.id = oc.activity_id where oc.outcome_id = o.id and ${visible})`}
    order by o.date desc limit 500`),
  );
  const contributions = rows.length
    ? rowsOf<{ outcome_id: string; activity_id: string; title: string; note: string }>(
        await db.execute(sql`
    select oc.outcome_id, oc.activity_id, a.title, oc.note from outcome_contributions oc join activities a on a.id = oc.activity_id
    where oc.outcome_id in (${sql.join(
      rows.map((r) => sql`${r.id}`),
      sql`, `,
    )}) and ${visible} order by a.start_date`),
      )
    : [];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    participantId: r.participant_id,
    countryName: r.country_name,
    instrumentId: r.instrument_id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    stage: r.stage,
    date: r.date,
    description: r.description,
    contributions: contributions
      .filter((c) => c.outcome_id === r.id)
      .map((c) => ({ activityId: c.activity_id, activityTitle: c.title, note: c.note })),
  }));
}

/** Results framework: a project's indicators with baseline, target and actual value per period. */
export async function saveIndicator(
  deps: ProgrammeDeps,
  context: AuditContext,
  input: IndicatorInput,
  id: string | null,
) {
  if (
    !(
      await deps.db
        .select({ id: projects.id })
        .from(projects)
        .where(and(eq(projects.id, input.projectId), isNull(projects.deletedAt)))
    ).length
  ) {
    throw badRequest('validation_failed', 'Some fields are not valid.', [
      {
        field: 'projectId',
        reason: 'is not a known project',
        code: 'unknown_project',
      },
    ]);
  }
  const periods = input.values.map((v) => v.period);
  const twice = periods.findIndex((p, i) => periods.indexOf(p) !== i);
  if (twice !== -1)
    throw badRequest('validation_failed', 'Some fields are not valid.', [
      {
        field: `values.${twice}.period`,
        ...because('period_twice', `${periods[twice]} is given twice`, { value: periods[twice]! }),
      },
    ]);
  const values = {
    projectId: input.projectId,
    name: input.name,
    unit: input.unit ?? null,
    baseline: input.baseline ?? null,
    target: input.target ?? null,
    values: [...input.values].sort((a, b) => a.period.localeCompare(b.period)),
  };
  return inTransaction(deps.db, async (tx) => {
    const at = nowOf(deps);
    if (id === null) {
      const [row] = await tx.insert(projectIndicators).values(values).returning();
      await recordAudit(
        tx,
        context,
        { action: 'programme.indicator.create', entityType: 'project_indicator', entityId: row!.id, after: values },
        at,
      );
      return row!;
    }
    const [before] = await tx
      .select()
      .from(projectIndicators)
      .where(and(eq(projectIndicators.id, id), isNull(projectIndicators.deletedAt)));
    if (!before) throw notFound('programme.indicator_not_found', 'There is no such indicator.');
    const [row] = await tx
      .update(projectIndicators)
      .set({ ...values, updatedAt: at })
      .where(eq(projectIndicators.id, id))
      .returning();
    await recordAudit(
      tx,
      context,
      { action: 'programme.indicator.update', entityType: 'project_indicator', entityId: id, before, after: values },
      at,
    );
    return row!;
  });
}

export async function projectIndicatorsOf(db: Db, projectId: string) {
  const rows = await db
    .select()
    .from(projectIndicators)
    .where(and(eq(projectIndicators.projectId, projectId), isNull(projectIndicators.deletedAt)))
    .orderBy(projectIndicators.name);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unit: r.unit,
    baseline: r.baseline,
    target: r.target,
    values: r.values,
  }));
}
