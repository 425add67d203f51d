import { sql, type SQL } from 'drizzle-orm';
import type { Language } from '../../../contracts/languages.ts';
import { CATEGORIES, THEMES, type SearchParams } from '../../../contracts/library.ts';
import { rowsOf, type Db } from '../../../db/client.ts';
import { unsegmentHan } from './text.ts';
import type { FacetCount, SearchHit, SearchHits } from './search-index.ts';

/**
 * The statement behind every search: the matches are read once, and the total, every facet and the
 * page all come from that one reading. Reading them separately meant visiting the same tens of
 * thousands of rows two or three times when a common word matches much of the library.
 */

const FACETS = ['country', 'region', 'kind', 'category', 'theme', 'instrument', 'language', 'year', 'status'] as const;
/** Facets read from single columns, in the order of the grouping() bits (the first column is the highest bit). */
const COLUMN_FACETS = ['country', 'region', 'kind', 'language', 'year', 'status'] as const;
const CATEGORY_VALUES = new Set<string>(CATEGORIES);
const THEME_VALUES = new Set<string>(THEMES);

/** Enough for the rows of every match of a common word in a library of 100,000 texts to stay in memory. */
const SEARCH_WORK_MEM = '32MB';

export interface SearchStatement {
  /** Condition on `library_search s`. */
  where: SQL;
  /** How matches are ranked, or null when they are not. */
  score: Score | null;
  sort: SearchParams['sort'];
  page: number;
  pageSize: number;
  /** Snippet of a row of `library_search s`. */
  snippet: SQL;
}

/**
 * A text query (`text`, a tsquery): up to `rankAllLimit` matches are all ranked on their title,
 * metadata and opening text (rank_vector); beyond it, on title and metadata alone (head_vector), as
 * ranking that much text would take seconds. Or an expression on a row of `library_search s`.
 */
export type Score = { text: SQL; rankAllLimit: number } | { expression: SQL };

function orderBy(sort: SearchParams['sort'], ranked: boolean): SQL {
  if (sort === 'date_asc') return sql`s.sort_date asc nulls last, s.document_id`;
  if (sort === 'date_desc' || !ranked) return sql`s.sort_date desc nulls last, s.document_id`;
  return sql`s.score desc, s.sort_date desc nulls last, s.document_id`;
}

interface Row {
  part: 'facet' | 'tag' | 'hit';
  g: number | null;
  country_id: string | null;
  region_m49: string | null;
  kind: string | null;
  lang: string | null;
  year: string | null;
  status: string | null;
  tag: string | null;
  count: number | null;
  document_id: string | null;
  title: string | null;
  visibility: string | null;
  sort_date: string | null;
  snippet: string | null;
  score: number | null;
  rn: number | null;
}

/** Runs the statement; the caller has opened a transaction (the working memory setting is local to it). */
export async function runSearchStatement(tx: Db, statement: SearchStatement): Promise<Omit<SearchHits, 'fuzzy'>> {
  await tx.execute(sql.raw(`set local work_mem = '${SEARCH_WORK_MEM}'`));
  const { score } = statement;
  const ranked = score !== null && statement.sort === 'relevance';
  const text = score !== null && 'text' in score ? score : null;
  // Ranking by text is decided after the matches are read, by their number; the opening text is then
  // fetched by row address for those few rows only. Sorted by date, only the page's rows are scored.
  const matchScore = ranked && !text ? (score as { expression: SQL }).expression : sql`0::float4`;
  const rankedScore = text
    ? sql`case when (select count(*) from m) <= ${text.rankAllLimit}
        then ts_rank_cd((select r.rank_vector from library_search r where r.ctid = s.row_ref), ${text.text}, 1)
        else ts_rank(s.head_vector, ${text.text}) end`
    : sql`s.score`;
  const pageScore = ranked ? sql`page.score` : text ? sql`ts_rank_cd(s.rank_vector, ${text.text}, 1)` : sql`0::float4`;
  const order = orderBy(statement.sort, ranked);
  const rows = rowsOf<Row>(await tx.execute(sql`
    with m as materialized (
      select s.ctid as row_ref, s.document_id, s.lang, s.sort_date, s.country_id, s.region_m49, s.kind, s.year, s.status,
        s.categories || s.themes || s.instruments as tags, ${text && ranked ? sql`s.head_vector` : sql`null::tsvector`} as head_vector, ${matchScore} as score
      from library_search s where ${statement.where}),
    page as (
      select s.*, row_number() over (order by ${order}) as rn
      from (select s.* from (select s.document_id, s.lang, s.sort_date, ${ranked ? rankedScore : sql`s.score`} as score from m s) s
        order by ${order} limit ${statement.pageSize} offset ${(statement.page - 1) * statement.pageSize}) s)
    select 'facet' as part, grouping(country_id, region_m49, kind, lang, year, status)::int as g, country_id, region_m49, kind, lang,
      year::text as year, status, null::text as tag, count(*)::int as count, null::uuid as document_id, null::text as title,
      null::text as visibility, null::text as sort_date, null::text as snippet, null::float8 as score, null::bigint as rn
    from m group by grouping sets ((country_id), (region_m49), (kind), (lang), (year), (status), ())
    union all
    select 'tag', null, null, null, null, null, null, null, tag, count(*)::int, null, null, null, null, null, null, null
    from (select unnest(tags) as tag from m) t group by tag
    union all
    select 'hit', null, s.country_id, null, s.kind, s.lang, null, null, null, null, s.document_id, s.title, s.visibility,
      s.sort_date::text, ${statement.snippet}, ${pageScore}, page.rn
    from page join library_search s on s.document_id = page.document_id and s.lang = page.lang`));
  return readRows(rows);
}

function readRows(rows: Row[]): Omit<SearchHits, 'fuzzy'> {
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetCount[]])) as SearchHits['facets'];
  const hits: (SearchHit & { rn: number })[] = [];
  let total = 0;
  const all = (1 << COLUMN_FACETS.length) - 1;
  for (const row of rows) {
    if (row.part === 'hit') {
      hits.push({
        rn: Number(row.rn), documentId: row.document_id!, lang: row.lang as Language, title: row.title!, kind: row.kind!,
        countryId: row.country_id, date: row.sort_date, visibility: row.visibility!,
        snippet: unsegmentHan((row.snippet ?? '').replace(/\s+/g, ' ').trim()), score: Number(row.score),
      });
    } else if (row.part === 'tag') {
      const facet = CATEGORY_VALUES.has(row.tag!) ? 'category' : THEME_VALUES.has(row.tag!) ? 'theme' : 'instrument';
      facets[facet].push({ value: row.tag!, count: Number(row.count) });
    } else if (Number(row.g) === all) {
      total = Number(row.count);
    } else {
      const index = COLUMN_FACETS.findIndex((_, k) => Number(row.g) === (all ^ (1 << (COLUMN_FACETS.length - 1 - k))));
      const facet = COLUMN_FACETS[index];
      if (facet === undefined) continue;
      const value = { country: row.country_id, region: row.region_m49, kind: row.kind, language: row.lang, year: row.year, status: row.status }[facet];
      if (value !== null) facets[facet].push({ value, count: Number(row.count) });
    }
  }
  for (const facet of FACETS) {
    facets[facet].sort((a, b) => (facet === 'year' ? Number(b.value) - Number(a.value) : b.count - a.count || a.value.localeCompare(b.value)));
  }
  hits.sort((a, b) => a.rn - b.rn);
  return { total, facets, hits: hits.map(({ rn: _rn, ...hit }) => hit) };
}
