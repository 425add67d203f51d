import { sql, type SQL } from 'drizzle-orm';
import type { Language } from '../../../contracts/languages.ts';
import { CATEGORIES, THEMES, type SearchParams } from '../../../contracts/library.ts';
import { concurrencyOf, inTransaction, rowsOf, type Db } from '../../../db/client.ts';
import { snippetOf } from './snippets.ts';
import { unsegmentHan } from './text.ts';
import type { FacetCount, SearchHit, SearchHits } from './search-index.ts';

/**
 * The statement behind every search. Within one partition of the search table the matches are read
 * once, and the count, every facet and the best rows all come from that one reading. Where the
 * database serves several connections (PostgreSQL), the four partitions (migration 0008) are read
 * side by side, each in its own transaction, as a search server reads its shards: a common word that
 * matches a third of a large library then costs a quarter of the time per partition, on as many cores
 * as there are. Their counts are added up and their best rows merged here; titles and snippets are
 * then read for the one page shown.
 */

const FACETS = ['country', 'region', 'kind', 'category', 'theme', 'instrument', 'language', 'year', 'status'] as const;
/** Facets read from single columns, in the order of the grouping() bits (the first column is the highest bit). */
const COLUMN_FACETS = ['country', 'region', 'kind', 'language', 'year', 'status'] as const;
const CATEGORY_VALUES = new Set<string>(CATEGORIES);
const THEME_VALUES = new Set<string>(THEMES);

/** The partitions of library_search (migration 0008). */
const SEARCH_PARTITIONS = ['library_search_p0', 'library_search_p1', 'library_search_p2', 'library_search_p3'] as const;

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
  /** What a hit shows of its text: the opening, or the passages holding these query words (see snippets.ts). */
  snippet: { opening: true } | { words: string[] };
  /** Planner and search settings for the statement's transaction. */
  settings?: Record<string, string>;
}

/**
 * A text query (`text`, a tsquery): when there are at most `rankAllLimit` matches, every one is ranked
 * on its title, metadata and opening text (rank_vector); beyond that, on title and metadata alone
 * (head_vector), as ranking that much text would take seconds. Or an expression on a row of `library_search s`.
 */
export type Score = { text: SQL; rankAllLimit: number } | { expression: SQL };

/**
 * Lists of best rows a partition returns: for a text ranked by relevance, both rankings (`text` only
 * when the partition has few enough matches for it; the merged total decides which one is shown);
 * otherwise the one order asked for.
 */
type ListName = 'head' | 'text' | 'only';

interface PartRow {
  part: 'facet' | 'tag' | ListName;
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
  sort_date: string | null;
  score: number | null;
}

interface Candidate {
  table: string;
  documentId: string;
  lang: string;
  countryId: string | null;
  kind: string;
  date: string | null;
  score: number;
}

function orderBy(sort: SearchParams['sort'], ranked: boolean): SQL {
  if (sort === 'date_asc') return sql`sort_date asc nulls last, document_id, lang`;
  if (sort === 'date_desc' || !ranked) return sql`sort_date desc nulls last, document_id, lang`;
  return sql`score desc, sort_date desc nulls last, document_id, lang`;
}

/** The same order as `orderBy`, for merging the partitions' rows (uuids and ISO dates compare as strings). */
function compareCandidates(sort: SearchParams['sort'], ranked: boolean): (a: Candidate, b: Candidate) => number {
  const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byDate = (a: string | null, b: string | null, direction: 1 | -1) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : direction * byString(a, b);
  const tie = (a: Candidate, b: Candidate) => byString(a.documentId, b.documentId) || byString(a.lang, b.lang);
  if (sort === 'date_asc') return (a, b) => byDate(a.date, b.date, 1) || tie(a, b);
  if (sort === 'date_desc' || !ranked) return (a, b) => byDate(a.date, b.date, -1) || tie(a, b);
  return (a, b) => b.score - a.score || byDate(a.date, b.date, -1) || tie(a, b);
}

/**
 * One partition (or the whole table): facet counts and its best `limit` rows under each ranking, the
 * ranking on text only if it has at most `textUpTo` matches.
 */
async function readPart(
  tx: Db,
  table: string,
  statement: SearchStatement,
  limit: number,
  textUpTo: number,
): Promise<PartRow[]> {
  const { score } = statement;
  const ranked = score !== null && statement.sort === 'relevance';
  const text = score !== null && 'text' in score ? score : null;
  const from = sql`${sql.identifier(table)} s`;
  const matchScore = !ranked
    ? sql`0::float8`
    : text
      ? sql`ts_rank(s.head_vector, ${text.text})::float8`
      : sql`(${(score as { expression: SQL }).expression})::float8`;
  const order = orderBy(statement.sort, ranked);
  const rankVector = sql`(select r.rank_vector from ${sql.identifier(table)} r where r.document_id = m.document_id and r.lang = m.lang)`;
  const columns = sql`null::int as g, country_id, null::text as region_m49, kind, lang, null::text as year, null::text as status, null::text as tag,
    null::int as count, document_id, sort_date::text as sort_date`;
  let lists: SQL;
  if (ranked && text) {
    // Ranking the opening text costs a look-up per match: only where the whole search may come to that few.
    lists = sql`
      select 'head' as part, ${columns}, score from (select * from m order by ${order} limit ${limit}) m
      union all
      select 'text' as part, ${columns}, text_score from (
        select m.*, ts_rank_cd(${rankVector}, ${text.text}, 1)::float8 as text_score from m where (select count(*) from m) <= ${textUpTo}
        order by text_score desc, sort_date desc nulls last, document_id, lang limit ${limit}) t`;
  } else {
    // Sorted by date, a text search still shows each row's relevance: computed for the rows returned only.
    const shownScore = text ? sql`ts_rank_cd(${rankVector}, ${text.text}, 1)::float8` : sql`m.score`;
    lists = sql`select 'only' as part, ${columns}, ${shownScore} from (select * from m order by ${order} limit ${limit}) m`;
  }
  return rowsOf<PartRow>(
    await tx.execute(sql`
    with m as materialized (
      select s.document_id, s.lang, s.sort_date, s.country_id, s.region_m49, s.kind, s.year, s.status,
        s.categories || s.themes || s.instruments as tags, ${matchScore} as score
      from ${from} where ${statement.where})
    select 'facet' as part, grouping(country_id, region_m49, kind, lang, year, status)::int as g, country_id, region_m49, kind, lang,
      year::text as year, status, null::text as tag, count(*)::int as count, null::uuid as document_id, null::text as sort_date, null::float8 as score
    from m group by grouping sets ((country_id), (region_m49), (kind), (lang), (year), (status), ())
    union all
    select 'tag', null, null, null, null, null, null, null, tag, count(*)::int, null, null, null
    from (select unnest(tags) as tag from m) t group by tag
    union all
    ${lists}`),
  );
}

/** Applies the statement's settings for the rest of the transaction, in one round trip. */
async function applySettings(tx: Db, settings: Record<string, string>): Promise<void> {
  const all = { work_mem: SEARCH_WORK_MEM, ...settings };
  await tx.execute(
    sql`select ${sql.join(
      Object.entries(all).map(([name, value]) => sql`set_config(${name}, ${value}, true)`),
      sql`, `,
    )}`,
  );
}

/** Runs the search over every partition, side by side where the database allows, and merges the answers. */
export async function runSearchStatement(db: Db, statement: SearchStatement): Promise<Omit<SearchHits, 'fuzzy'>> {
  const tables: readonly string[] =
    concurrencyOf(db) >= SEARCH_PARTITIONS.length ? SEARCH_PARTITIONS : ['library_search'];
  const limit = statement.page * statement.pageSize;
  const ranked = statement.score !== null && statement.sort === 'relevance';
  const text = statement.score !== null && 'text' in statement.score ? statement.score : null;
  // Ranking on text costs a look-up per match, so a partition does it only while the whole search may
  // stay within the limit by its share: its even share and a quarter more, as hash partitions come out
  // close to even (for 1,000 matches a partition's count is within 250 ± 14 in two cases out of three).
  // A partition past that share, in a search that does stay within the limit, is read again.
  const rankAllLimit = text?.rankAllLimit ?? 0;
  const textUpTo = tables.length === 1 ? rankAllLimit : Math.ceil((1.25 * rankAllLimit) / tables.length);
  const read = (table: string, upTo: number) =>
    inTransaction(db, async (tx) => {
      await applySettings(tx, statement.settings ?? {});
      return { table, rows: await readPart(tx, table, statement, limit, upTo) };
    });
  let parts = await Promise.all(tables.map((table) => read(table, textUpTo)));
  const { total, facets } = countFacets(parts.flatMap((part) => part.rows));
  const list: ListName = ranked && text ? (total <= rankAllLimit ? 'text' : 'head') : 'only';
  if (list === 'text') {
    parts = await Promise.all(
      parts.map((part) => (matchCount(part.rows) > textUpTo ? read(part.table, rankAllLimit) : part)),
    );
  }
  const candidates = parts.flatMap(({ table, rows }) =>
    rows
      .filter((row) => row.part === list)
      .map((row): Candidate => ({
        table,
        documentId: row.document_id!,
        lang: row.lang!,
        countryId: row.country_id,
        kind: row.kind!,
        date: row.sort_date,
        score: Number(row.score),
      })),
  );
  candidates.sort(compareCandidates(statement.sort, ranked));
  const page = candidates.slice((statement.page - 1) * statement.pageSize, limit);
  return { total, facets, hits: await showHits(db, tables, page, statement.snippet) };
}

/** How much of the opening a hit shows when it is not searched for words. */
const OPENING_CHARS = 300;

/** Titles, visibility and snippets of the page's rows, read from each row's partition (side by side). */
async function showHits(
  db: Db,
  tables: readonly string[],
  page: Candidate[],
  snippet: SearchStatement['snippet'],
): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const body = 'words' in snippet ? sql`s.body` : sql`left(s.body, ${OPENING_CHARS})`;
  const shown = new Map<string, { title: string; visibility: string; body: string }>();
  await Promise.all(
    tables.map(async (table) => {
      const rows = page.filter((candidate) => candidate.table === table);
      if (rows.length === 0) return;
      const keys = sql.join(
        rows.map((row) => sql`(${row.documentId}::uuid, ${row.lang})`),
        sql`, `,
      );
      const found = rowsOf<{ document_id: string; lang: string; title: string; visibility: string; body: string }>(
        await db.execute(sql`
      select s.document_id, s.lang, s.title, s.visibility, ${body} as body from ${sql.identifier(table)} s where (s.document_id, s.lang) in (${keys})`),
      );
      for (const row of found) shown.set(`${row.document_id}|${row.lang}`, row);
    }),
  );
  return page.flatMap((candidate) => {
    const row = shown.get(`${candidate.documentId}|${candidate.lang}`);
    // A row deleted between the two readings is left out rather than shown without its title.
    if (!row) return [];
    return [
      {
        documentId: candidate.documentId,
        lang: candidate.lang as Language,
        title: row.title,
        kind: candidate.kind,
        countryId: candidate.countryId,
        date: candidate.date,
        visibility: row.visibility,
        score: candidate.score,
        snippet:
          'words' in snippet
            ? snippetOf(row.body, candidate.lang as Language, snippet.words)
            : unsegmentHan(row.body.replace(/\s+/g, ' ').trim()),
      },
    ];
  });
}

/** Bit pattern of grouping() for the grand total (every column facet rolled up). */
const ALL_GROUPED = (1 << COLUMN_FACETS.length) - 1;

/** How many matches one partition's rows report. */
const matchCount = (rows: PartRow[]) =>
  Number(rows.find((row) => row.part === 'facet' && Number(row.g) === ALL_GROUPED)?.count ?? 0);

/** The total and the facet counts, added up over the partitions. */
function countFacets(rows: PartRow[]): Pick<SearchHits, 'total' | 'facets'> {
  const counts = Object.fromEntries(FACETS.map((facet) => [facet, new Map<string, number>()])) as Record<
    (typeof FACETS)[number],
    Map<string, number>
  >;
  const add = (facet: (typeof FACETS)[number], value: string, count: number) =>
    counts[facet].set(value, (counts[facet].get(value) ?? 0) + count);
  let total = 0;
  for (const row of rows) {
    if (row.part === 'tag') {
      add(
        CATEGORY_VALUES.has(row.tag!) ? 'category' : THEME_VALUES.has(row.tag!) ? 'theme' : 'instrument',
        row.tag!,
        Number(row.count),
      );
    } else if (row.part === 'facet' && Number(row.g) === ALL_GROUPED) {
      total += Number(row.count);
    } else if (row.part === 'facet') {
      const index = COLUMN_FACETS.findIndex(
        (_, k) => Number(row.g) === (ALL_GROUPED ^ (1 << (COLUMN_FACETS.length - 1 - k))),
      );
      const facet = COLUMN_FACETS[index];
      if (facet === undefined) continue;
      const value = {
        country: row.country_id,
        region: row.region_m49,
        kind: row.kind,
        language: row.lang,
        year: row.year,
        status: row.status,
      }[facet];
      if (value !== null) add(facet, value, Number(row.count));
    }
  }
  const facets = Object.fromEntries(
    FACETS.map((facet) => {
      const list = [...counts[facet]].map(([value, count]): FacetCount => ({ value, count }));
      list.sort((a, b) =>
        facet === 'year' ? Number(b.value) - Number(a.value) : b.count - a.count || a.value.localeCompare(b.value),
      );
      return [facet, list];
    }),
  ) as SearchHits['facets'];
  return { total, facets };
}
