import { sql } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import {
  ACTIVITY_TYPES,
  PROFESSIONS,
  TRAINING_TYPES,
  type ActivityType,
  type Indicators,
  type IndicatorScope,
} from '../../contracts/programme.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { isInSet, type InstrumentSet } from '../instruments/instruments.service.ts';
import type { StatusDataset } from '../status/status.dataset.ts';
import { countableInstruments, inRegion, nameIn } from '../status/status.service.ts';
import { activityFilterSql } from './activities.service.ts';
import { participantInRegion } from './programme.shared.ts';

/*
 * Indicators count an activity in the period it starts in. Scoped to a region or a country, they count
 * the activities with a beneficiary there, and only those beneficiaries as countries assisted.
 */

interface ScopedActivity {
  id: string;
  type: ActivityType;
  status: string;
  start_date: string;
  total: number | null;
  women: number | null;
  men: number | null;
  professions: Record<string, number> | null;
  countries: string[];
}

const inCountryScope =
  (dataset: StatusDataset, scope: { region?: string | undefined; country?: string | undefined }) => (id: string) => {
    if (scope.country && id !== scope.country) return false;
    if (!scope.region) return true;
    const participant = dataset.participantsById.get(id);
    return participant !== undefined && inRegion(participant, scope.region);
  };

async function scopedActivities(db: Db, scope: IndicatorScope, extra = sql``): Promise<ScopedActivity[]> {
  const { from, to, ...filter } = scope;
  const rows = rowsOf<ScopedActivity>(
    await db.execute(sql`
    select a.id, a.type, a.status, a.start_date::text as start_date, a.participants_total as total, a.participants_women as women,
      a.participants_men as men, a.professions, array(select c.participant_id from activity_countries c where c.activity_id = a.id) as countries
    from activities a
    where a.start_date between ${from} and ${to} and ${activityFilterSql(filter)} ${extra}`),
  );
  return rows;
}

const emptyCounts = () => ({
  total: 0,
  women: 0,
  men: 0,
  notRecorded: 0,
  professions: Object.fromEntries(PROFESSIONS.map((p) => [p, 0])) as Record<string, number>,
});

function addCounts(into: ReturnType<typeof emptyCounts>, a: ScopedActivity) {
  if (a.total === null) return;
  into.total += a.total;
  into.women += a.women ?? 0;
  into.men += a.men ?? 0;
  into.notRecorded += a.total - (a.women ?? 0) - (a.men ?? 0);
  for (const [profession, n] of Object.entries(a.professions ?? {}))
    into.professions[profession] = (into.professions[profession] ?? 0) + n;
}

export async function indicators(
  db: Db,
  dataset: StatusDataset,
  scope: IndicatorScope,
  lang: Language,
): Promise<Indicators> {
  const rows = await scopedActivities(db, scope);
  const inScope = inCountryScope(dataset, scope);
  const byType = new Map(ACTIVITY_TYPES.map((type) => [type, { type, delivered: 0, planned: 0 }]));
  const participants = emptyCounts();
  const officialsTrained = emptyCounts();
  const assisted = new Set<string>();
  const byMonth = new Map<string, { activities: number; participants: number }>();
  let delivered = 0;
  for (const a of rows) {
    const entry = byType.get(a.type);
    if (entry && (a.status === 'planned' || a.status === 'confirmed')) entry.planned++;
    if (a.status !== 'delivered') continue;
    delivered++;
    if (entry) entry.delivered++;
    for (const country of a.countries) if (inScope(country)) assisted.add(country);
    addCounts(participants, a);
    if (TRAINING_TYPES.has(a.type)) addCounts(officialsTrained, a);
    const month = byMonth.get(a.start_date.slice(0, 7)) ?? { activities: 0, participants: 0 };
    month.activities++;
    month.participants += a.total ?? 0;
    byMonth.set(a.start_date.slice(0, 7), month);
  }

  // A ratification is counted only where the depositary's complete list is loaded: elsewhere a missing
  // one may be a ratification nobody imported, and "0 new ratifications" would be false.
  const ratificationData = countableInstruments(
    dataset,
    dataset.instruments.map((i) => i.id),
    scope.to,
  );
  const newRatificationsList: Indicators['newRatificationsList'] = [];
  for (const instrumentId of ratificationData.instrumentsCounted) {
    const byParticipant = dataset.participations.get(instrumentId)!;
    for (const participantId of assisted) {
      const consent = byParticipant.get(participantId)?.consent;
      if (consent && consent.date >= scope.from && consent.date <= scope.to) {
        newRatificationsList.push({
          participantId,
          name: nameIn(dataset.participantsById.get(participantId)?.names ?? {}, lang) || participantId,
          instrumentId,
          date: consent.date,
        });
      }
    }
  }
  newRatificationsList.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));

  const laws = rowsOf<{ stage: string; n: number }>(
    await db.execute(sql`
    select o.stage, count(*)::int as n from outcomes o
    where o.deleted_at is null and o.kind = 'library_document' and o.date between ${scope.from} and ${scope.to}
      ${scope.country ? sql`and o.participant_id = ${scope.country}` : sql``}
      ${scope.region ? sql`and ${participantInRegion(sql`o.participant_id`, scope.region)}` : sql``}
      ${scope.project || scope.donor || scope.theme ? sql`and exists (select 1 from outcome_contributions oc join activities a on a.id = oc.activity_id where oc.outcome_id = o.id and ${activityFilterSql({ project: scope.project, donor: scope.donor, theme: scope.theme })})` : sql``}
    group by o.stage`),
  );

  return {
    scope,
    activitiesByType: [...byType.values()],
    activitiesDelivered: delivered,
    countriesAssisted: assisted.size,
    participants,
    officialsTrained,
    newRatifications: ratificationData.instrumentsCounted.length ? newRatificationsList.length : null,
    newRatificationsList,
    ratificationData,
    laws: {
      drafted: laws.find((l) => l.stage === 'drafted')?.n ?? 0,
      adopted: laws.find((l) => l.stage === 'adopted')?.n ?? 0,
    },
    byMonth: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, ...v })),
  };
}

export interface CohortQuery {
  from: string;
  to: string;
  types: ActivityType[];
  set: InstrumentSet | 'all';
  asOf: string;
  region?: string | undefined;
}

/**
 * "Of the N countries that received assistance of type T between D1 and D2, M became party to at least
 * one instrument of set S after their first assistance": first assistance is the earliest delivered
 * activity of those types in the window; a consent to be bound deposited after that date, up to `asOf`,
 * counts. A consent on the very day of the first assistance does not: it cannot have followed from it.
 */
export async function cohort(db: Db, dataset: StatusDataset, query: CohortQuery, lang: Language) {
  const types = query.types.length
    ? sql`and a.type in (${sql.join(
        query.types.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  const rows = rowsOf<{ participant_id: string; first: string }>(
    await db.execute(sql`
    select c.participant_id, min(a.start_date)::text as first
    from activities a join activity_countries c on c.activity_id = a.id
    where a.deleted_at is null and a.status = 'delivered' and a.start_date between ${query.from} and ${query.to} ${types}
    group by c.participant_id`),
  );
  const inScope = inCountryScope(dataset, { region: query.region });
  const ofSet = dataset.instruments.filter((i) => query.set === 'all' || isInSet(i, query.set as InstrumentSet));
  // As for the indicators: only instruments whose complete list is loaded can show that a country joined, or did not.
  const ratificationData = countableInstruments(
    dataset,
    ofSet.map((i) => i.id),
    query.asOf,
  );
  const instruments = ofSet.filter((i) => ratificationData.instrumentsCounted.includes(i.id));
  const countries = rows
    .filter((r) => inScope(r.participant_id))
    .map((r) => {
      const joined = instruments
        .flatMap((instrument) => {
          const consent = dataset.participations.get(instrument.id)?.get(r.participant_id)?.consent;
          return consent && consent.date > r.first && consent.date <= query.asOf
            ? [{ instrumentId: instrument.id, date: consent.date }]
            : [];
        })
        .sort((a, b) => a.date.localeCompare(b.date));
      const participant = dataset.participantsById.get(r.participant_id);
      return {
        id: r.participant_id,
        name: participant ? nameIn(participant.names, lang) : r.participant_id,
        firstAssistance: r.first,
        joined,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  return {
    assisted: countries.length,
    becameParty: instruments.length ? countries.filter((c) => c.joined.length > 0).length : null,
    ratificationData,
    countries,
  };
}
