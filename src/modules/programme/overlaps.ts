import { sql } from 'drizzle-orm';
import type { Activity } from '../../contracts/programme.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { ALL_FUNDING, type FundingScope } from '../accounts/policy.ts';
import { activityVisible } from './donor.scope.ts';

export const DEFAULT_OVERLAP_WINDOW_DAYS = 14;

export interface OverlapQuery {
  startDate: string;
  endDate: string;
  countries: string[];
  themes: string[];
  organizationId: string;
  excludeId?: string | undefined;
  windowDays?: number | undefined;
  /** Whose reading: a donor only learns of the activities it funded. */
  scope?: FundingScope | undefined;
}

export interface Overlap {
  id: string;
  title: string;
  type: string;
  status: string;
  startDate: string;
  endDate: string;
  organizationId: string;
  organizationName: string;
  countries: string[];
  themes: string[];
  /** 0 when the dates overlap, otherwise the days between one's end and the other's start. */
  daysApart: number;
}

/**
 * Other organisations' activities for a shared beneficiary country, within `windowDays` of these dates,
 * on a shared theme — what a provider should coordinate with before going ahead. An activity recorded
 * without themes is compared on countries and dates alone: nothing says it is on another subject.
 * Cancelled activities are left out.
 */
export async function findOverlaps(db: Db, query: OverlapQuery): Promise<Overlap[]> {
  const window = query.windowDays ?? DEFAULT_OVERLAP_WINDOW_DAYS;
  const countries = sql`array[${sql.join(
    query.countries.map((c) => sql`${c}`),
    sql`, `,
  )}]::text[]`;
  const themes = query.themes.length
    ? sql`array[${sql.join(
        query.themes.map((t) => sql`${t}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;
  const rows = rowsOf<
    Omit<Overlap, 'daysApart'> & {
      days_apart: number;
      start_date: string;
      end_date: string;
      organization_id: string;
      organization_name: string;
    }
  >(
    await db.execute(sql`
    select a.id, a.title, a.type, a.status, a.start_date::text as start_date, a.end_date::text as end_date, a.organization_id, o.name as organization_name,
      array(select c.participant_id from activity_countries c where c.activity_id = a.id and c.participant_id = any(${countries}) order by 1) as countries,
      array(select t from unnest(a.themes) t where t = any(${themes}) order by 1) as themes,
      greatest(0, a.start_date - ${query.endDate}::date, ${query.startDate}::date - a.end_date) as days_apart
    from activities a join organizations o on o.id = a.organization_id
    where a.deleted_at is null and a.status <> 'cancelled' and a.organization_id <> ${query.organizationId} and ${activityVisible(query.scope ?? ALL_FUNDING)}
      ${query.excludeId ? sql`and a.id <> ${query.excludeId}` : sql``}
      and daterange(a.start_date, a.end_date, '[]') && daterange(${query.startDate}::date - ${window}::int, ${query.endDate}::date + ${window}::int, '[]')
      and exists (select 1 from activity_countries c where c.activity_id = a.id and c.participant_id = any(${countries}))
      and (cardinality(${themes}) = 0 or cardinality(a.themes) = 0 or a.themes && ${themes})
    order by days_apart, a.start_date, a.title
    limit 50`),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    type: r.type,
    status: r.status,
    startDate: r.start_date,
    endDate: r.end_date,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    countries: r.countries,
    themes: r.themes,
    daysApart: Number(r.days_apart),
  }));
}

/**
 * Other organisations' activities close to this one, computed when read so that they are always current
 * and seen from either side; only those the reader may see (a donor's scope), so none leaks.
 */
export function overlapsOf(db: Db, activity: Activity, windowDays: number, scope: FundingScope): Promise<Overlap[]> {
  return findOverlaps(db, {
    startDate: activity.startDate,
    endDate: activity.endDate,
    countries: activity.countries.map((c) => c.id),
    themes: activity.themes,
    organizationId: activity.organizationId,
    excludeId: activity.id,
    windowDays,
    scope,
  });
}
