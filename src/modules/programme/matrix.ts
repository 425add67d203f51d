import { sql } from 'drizzle-orm';
import type { Language } from '../../contracts/languages.ts';
import type { ActivityFilter, Matrix } from '../../contracts/programme.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { ALL_FUNDING, type FundingScope } from '../accounts/policy.ts';
import type { StatusDataset } from '../status/status.dataset.ts';
import { nameIn } from '../status/status.service.ts';
import { activityFilterSql } from './activities.service.ts';
import { activityVisible } from './donor.scope.ts';
import { participantInRegion } from './programme.shared.ts';

export interface MatrixQuery extends Omit<ActivityFilter, 'from' | 'to' | 'status'> {
  /** First month, YYYY-MM. */
  start: string;
  months: number;
}

/** The `count` months from `start` (YYYY-MM), and the first and last day of that window. */
export function monthWindow(start: string, count: number) {
  const [year, month] = start.split('-').map(Number) as [number, number];
  const months = Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  const last = new Date(Date.UTC(year, month - 1 + count, 0));
  return { months, from: `${months[0]}-01`, to: last.toISOString().slice(0, 10) };
}

type Entry = Matrix['regions'][number]['subregions'][number]['countries'][number]['cells'][number][number];

/**
 * Beneficiary countries × months for a window: each cell lists the activities of that country that run
 * during that month (an activity spanning two months shows in both). Countries without activities in the
 * window are left out; rows are grouped by region and subregion, sorted by name in the reader's language.
 */
export async function activityMatrix(
  db: Db,
  dataset: StatusDataset,
  query: MatrixQuery,
  lang: Language,
  scope: FundingScope = ALL_FUNDING,
): Promise<Matrix> {
  const { months, from, to } = monthWindow(query.start, query.months);
  const { country, region, ...activityFilter } = query;
  const rows = rowsOf<{
    id: string;
    title: string;
    type: string;
    status: string;
    start_date: string;
    end_date: string;
    organization_name: string;
    participant_id: string;
  }>(
    await db.execute(sql`
    select a.id, a.title, a.type, a.status, a.start_date::text as start_date, a.end_date::text as end_date, o.name as organization_name, c.participant_id
    from activities a join activity_countries c on c.activity_id = a.id join organizations o on o.id = a.organization_id
    where daterange(a.start_date, a.end_date, '[]') && daterange(${from}::date, ${to}::date, '[]') and ${activityFilterSql(activityFilter)} and ${activityVisible(scope)}
      ${country ? sql`and c.participant_id = ${country}` : sql``}
      ${region ? sql`and ${participantInRegion(sql`c.participant_id`, region)}` : sql``}
    order by a.start_date, a.title`),
  );

  const cellsOf = new Map<string, Entry[][]>();
  const activityIds = new Set<string>();
  for (const row of rows) {
    activityIds.add(row.id);
    const cells = cellsOf.get(row.participant_id) ?? months.map(() => []);
    cellsOf.set(row.participant_id, cells);
    const entry: Entry = {
      id: row.id,
      title: row.title,
      type: row.type,
      status: row.status,
      startDate: row.start_date,
      endDate: row.end_date,
      organizationName: row.organization_name,
    };
    const first = Math.max(0, months.indexOf(row.start_date.slice(0, 7)));
    const lastIndex = months.indexOf(row.end_date.slice(0, 7));
    const last = lastIndex === -1 ? months.length - 1 : lastIndex;
    for (let i = first; i <= last; i++) cells[i]!.push(entry);
  }

  const regionName = (m49: string | null) => {
    const record = m49 ? dataset.regions.find((r) => r.m49 === m49) : undefined;
    return record ? nameIn(record.names, lang) : '';
  };
  const collator = new Intl.Collator(lang);
  const groups = new Map<string, Map<string, { id: string; name: string; cells: Entry[][] }[]>>();
  for (const [participantId, cells] of cellsOf) {
    const participant = dataset.participantsById.get(participantId);
    const regionKey = participant?.regionM49 ?? '';
    const subregionKey = participant?.subregionM49 ?? '';
    const subregions = groups.get(regionKey) ?? new Map();
    groups.set(regionKey, subregions);
    const countries = subregions.get(subregionKey) ?? [];
    subregions.set(subregionKey, countries);
    countries.push({ id: participantId, name: participant ? nameIn(participant.names, lang) : participantId, cells });
  }
  // Groups without a region (organisations such as the EU) come last.
  const byName = <T extends { name: string; key: string }>(a: T, b: T) =>
    (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || collator.compare(a.name, b.name);
  const regions = [...groups]
    .map(([key, subregions]) => ({ key, name: regionName(key || null), subregions }))
    .sort(byName)
    .map((r) => ({
      region: r.key || null,
      regionName: r.name,
      subregions: [...r.subregions]
        .map(([key, countries]) => ({ key, name: regionName(key || null), countries }))
        .sort(byName)
        .map((s) => ({
          subregion: s.key || null,
          subregionName: s.name,
          countries: s.countries.sort((a, b) => collator.compare(a.name, b.name)),
        })),
    }));
  return { months, regions, activityCount: activityIds.size };
}
