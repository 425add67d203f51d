import { sql, type SQL } from 'drizzle-orm';
import { makePgArray } from 'drizzle-orm/pg-core';
import { isLanguage, type Language } from '../../../contracts/languages.ts';
import type { SearchParams } from '../../../contracts/library.ts';
import {
  executeForRows,
  inTransaction,
  rowsOf,
  takesBinaryParameters,
  type Db,
  type Parameter,
} from '../../../db/client.ts';
import { analyse } from './text.ts';
import { textQuery, tsQueryLiteral, type TextQuery } from './lexemes.ts';
import { parseQuery } from './query.ts';
import { entriesOf, type Entry, type SourceRow } from './entries.ts';
import { SEARCH_INDEX_VERSION } from './index-version.ts';
import { ANALYSIS_IN_PLACE_BELOW, analyseOnWorker } from '../library.analysis.ts';
import type { LibrarySearchIndex, SearchHits, SearchScope } from './search-index.ts';
import { runSearchStatement } from './search-statement.ts';

/** The newest text of each language of each document (the search index shows the law as it stands). */
async function latestTexts(db: Db, documentIds: string[]): Promise<Map<string, Map<Language, string>>> {
  const rows = rowsOf<{ document_id: string; lang: string; text: string }>(
    await db.execute(sql`
    select distinct on (document_id, lang) document_id, lang, text from library_expressions
    where document_id in ${idList(documentIds)} order by document_id, lang, version_date desc`),
  );
  const texts = new Map<string, Map<Language, string>>();
  for (const row of rows) {
    if (!isLanguage(row.lang)) continue;
    const byLanguage = texts.get(row.document_id) ?? new Map<Language, string>();
    byLanguage.set(row.lang, row.text);
    texts.set(row.document_id, byLanguage);
  }
  return texts;
}

const idList = (ids: string[]) =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;

const OUTDATED_BATCH = 200;
/** Advisory lock key of the rebuild ("LXSI"). */
const REINDEX_LOCK = 0x4c585349;

/** Rebuilds, in batches, the entries an older version of the indexing built; returns how many documents. */
async function reindexOutdated(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = rowsOf<{ document_id: string }>(
      await db.execute(sql`
      select distinct document_id from library_search where index_version < ${SEARCH_INDEX_VERSION} limit ${OUTDATED_BATCH}`),
    ).map((row) => row.document_id);
    if (ids.length === 0) {
      if (done > 0) await settle(db);
      return done;
    }
    // Several servers may start at once: the one holding the lock rebuilds, the others leave it to it.
    const rebuilt = await inTransaction(db, async (tx) => {
      const [lock] = rowsOf<{ held: boolean }>(
        await tx.execute(sql`select pg_try_advisory_xact_lock(${REINDEX_LOCK}) as held`),
      );
      if (!lock?.held) return false;
      await indexDocuments(tx, ids);
      return true;
    });
    if (!rebuilt) return done;
    done += ids.length;
  }
}

/**
 * GIN indexes take new entries into a pending list, merged into the index later (by autovacuum, or by
 * a write that finds the list full); every search reads the whole list meanwhile, up to 4 MB per
 * partition. After a bulk change the lists are merged at once. Merging needs the tables' owner, which
 * the application is where it ran the migrations; elsewhere autovacuum does it in its time.
 */
async function settle(db: Db): Promise<void> {
  try {
    await db.execute(sql`
      select gin_clean_pending_list(i.indexrelid::regclass) from pg_index i
      join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
      where am.amname = 'gin' and i.indrelid in (select inhrelid from pg_inherits where inhparent = 'library_search'::regclass)`);
  } catch {
    // Not the owner, or another session merging the same list: searches stay correct, only slower until autovacuum runs.
  }
}

/** Rebuilds the entries of many documents with a few statements: the bulk importer's path. */
async function indexDocuments(db: Db, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  await db.execute(sql`delete from library_search where document_id in ${idList(documentIds)}`);
  const sources = rowsOf<SourceRow>(
    await db.execute(sql`
    select d.id, d.kind, d.symbol, d.country_id, p.region_m49, p.subregion_m49, d.categories, d.themes, d.status, d.visibility,
      d.owner_organization_id,
      coalesce(d.adopted_date, d.decision_date, d.published_date, d.in_force_date)::text as sort_date,
      concat_ws(' ', d.symbol, d.number, d.court, d.case_number, d.parties, d.organization, d.source) as metadata,
      (select jsonb_object_agg(lang, title) from library_document_titles where document_id = d.id) as titles,
      (select jsonb_object_agg(lang, name) from participant_translations where participant_id = d.country_id) as country_names,
      (select array_agg(distinct instrument_id) from library_instrument_links where document_id = d.id) as instruments,
      array(select value from library_references where document_id = d.id and kind in ('symbol', 'resolution')) as cited
    from library_documents d left join participants p on p.id = d.country_id
    where d.id in ${idList(documentIds)} and d.deleted_at is null`),
  );
  if (sources.length === 0) return;
  const texts = await latestTexts(
    db,
    sources.map((source) => source.id),
  );
  const vectorForm = takesBinaryParameters(db) ? 'binary' : 'text';
  const entries =
    sources.length >= ANALYSIS_IN_PLACE_BELOW
      ? await analyseOnWorker({
          task: 'entries',
          sources,
          texts: [...texts].map(([id, byLanguage]): [string, [Language, string][]] => [id, [...byLanguage]]),
          vectorForm,
        })
      : sources.flatMap((source) => entriesOf(source, texts.get(source.id) ?? new Map(), vectorForm));
  // Parameters rather than one JSON document: PostgreSQL reads JSON a character at a time, which cost
  // a third of its share of an import. The ranking vectors are filtered out of the full one by weight.
  const names = ENTRY_COLUMNS.map(([name]) => name).join(', ');
  await executeForRows(
    db,
    ENTRY_COLUMNS.map(([, type]) => type),
    entries.map(entryValues),
    (values) => `
    insert into library_search (${names}, rank_vector, head_vector)
    select ${names}, ts_filter(vector, '{a,b,c}'), ts_filter(vector, '{a,b}') from (values ${values}) as e(${names})`,
  );
}

/** Columns of library_search the indexer writes, with their types. */
const ENTRY_COLUMNS = [
  ['document_id', 'uuid'],
  ['lang', 'text'],
  ['config', 'text'],
  ['title', 'text'],
  ['fuzzy_text', 'text'],
  ['body', 'text'],
  ['vector', 'tsvector'],
  ['country_id', 'text'],
  ['region_m49', 'text'],
  ['subregion_m49', 'text'],
  ['kind', 'text'],
  ['categories', 'text[]'],
  ['themes', 'text[]'],
  ['instruments', 'text[]'],
  ['status', 'text'],
  ['year', 'int'],
  ['sort_date', 'date'],
  ['visibility', 'text'],
  ['owner_organization_id', 'uuid'],
  ['index_version', 'smallint'],
] as const satisfies readonly (readonly [keyof Entry, string])[];

function entryValues(entry: Entry): Parameter[] {
  return ENTRY_COLUMNS.map(([name]) => {
    const value = entry[name];
    if (value === null) return null;
    // A binary vector comes back from a worker as a plain Uint8Array; the driver sends Buffers in binary.
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    return Array.isArray(value) ? makePgArray(value) : String(value);
  });
}

function scopeCondition(scope: SearchScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'public') return sql`s.visibility = 'public'`;
  return sql`(s.visibility = 'public' or s.country_id = ${scope.countryId} or s.owner_organization_id = ${scope.organizationId})`;
}

function filterConditions(params: SearchParams): SQL[] {
  const conditions: SQL[] = [];
  if (params.lang) conditions.push(sql`s.lang = ${params.lang}`);
  if (params.country) conditions.push(sql`s.country_id = ${params.country.toUpperCase()}`);
  if (params.region) conditions.push(sql`(s.region_m49 = ${params.region} or s.subregion_m49 = ${params.region})`);
  if (params.kind) conditions.push(sql`s.kind = ${params.kind}`);
  if (params.category) conditions.push(sql`${params.category} = any(s.categories)`);
  if (params.theme) conditions.push(sql`${params.theme} = any(s.themes)`);
  if (params.instrument) conditions.push(sql`${params.instrument} = any(s.instruments)`);
  // As a date range, so that the sort_date index can narrow the rows before the text index is consulted.
  if (params.year)
    conditions.push(
      sql`s.sort_date >= ${`${params.year}-01-01`}::date and s.sort_date < ${`${params.year + 1}-01-01`}::date`,
    );
  if (params.status) conditions.push(sql`s.status = ${params.status}`);
  return conditions;
}

/**
 * Rows with the words and without the excluded ones: the GIN index answers `words & !excluded`
 * exactly from its posting lists, without reading the vectors. A phrase needs the words' positions,
 * which only the vector holds: the index then looks for the phrase's words in any order, and each row
 * it finds is checked for the phrase under its own language's reading only (see TextQuery), after
 * the index (a condition the index cannot answer is checked after those it can).
 */
function textConditions(text: TextQuery, included: SQL, excluded: SQL | null): SQL[] {
  const lookedUp = text.phrases ? sql`${text.phrases.bag}::tsquery` : included;
  const found = excluded ? sql`s.vector @@ (${lookedUp} && !!${excluded})` : sql`s.vector @@ ${lookedUp}`;
  if (!text.phrases) return [found];
  const byLanguage = [...text.phrases.byLanguage].map(
    ([lang, phrase]) => sql`when ${lang} then ${phrase === null ? sql`false` : sql`s.vector @@ ${phrase}::tsquery`}`,
  );
  return [found, sql`(case s.lang ${sql.join(byLanguage, sql` `)} else false end)`];
}

/**
 * Up to this many matches, every one is ranked on its title, metadata and opening text (rank_vector).
 * Beyond it (a common word in a large library) ranking that much text would take seconds, so matches
 * are ranked on title and metadata alone (head_vector), newest first among equals.
 */
export const RANK_ALL_LIMIT = 1_000;

/**
 * Within a text search, rows are found through the indexes' bitmaps only. Words that occur together
 * (or, excluded, never apart) fool the planner's estimate, and it then reads the table in order,
 * unpacking every vector, to fill a page or to count up to a limit: seconds instead of milliseconds.
 */
const TEXT_INDEX_ONLY = { enable_seqscan: 'off', enable_indexscan: 'off' };

const OPENING = { opening: true } as const;
const NOTHING = sql`false`;

async function search(db: Db, params: SearchParams, scope: SearchScope, rankAllLimit: number): Promise<SearchHits> {
  const base = [scopeCondition(scope), ...filterConditions(params)];
  const parsed = parseQuery(params.q);
  const page = { sort: params.sort, page: params.page, pageSize: params.pageSize };

  const browse = async (where: SQL) => ({
    ...(await runSearchStatement(db, { ...page, where, score: null, snippet: OPENING })),
    fuzzy: false,
  });
  if (parsed.include.length === 0) return browse(sql.join(base, sql` and `));
  const text = textQuery(parsed.include, params.lang);
  // Only words every language ignores (such as "the"): nothing to look for.
  if (!text) return browse(NOTHING);
  const included = sql`${text.query}::tsquery`;
  const excludedText = parsed.exclude.length > 0 ? tsQueryLiteral(parsed.exclude, params.lang, '|') : null;
  const excluded = excludedText ? sql`${excludedText}::tsquery` : null;
  // The query is written out (not taken from a CTE) so that the planner sees a constant and uses the GIN index.
  const where = sql.join([...base, ...textConditions(text, included, excluded)], sql` and `);
  const found = await runSearchStatement(db, {
    ...page,
    where,
    settings: TEXT_INDEX_ONLY,
    score: { text: included, rankAllLimit },
    snippet: { words: parsed.include.flatMap((term) => term.words) },
  });
  if (found.total > 0) return { ...found, fuzzy: false };
  // Typo tolerance is for plain words: a phrase or an exclusion asks for exactly those words.
  const plain = parsed.exclude.length === 0 && !params.q.includes('"');
  return plain ? fuzzySearch(db, params, base) : { ...found, fuzzy: false };
}

/** How close a query word must be to a word of a title or country name (pg_trgm word similarity). */
const FUZZY_THRESHOLD = 0.45;

/** Nothing matched word for word: look for titles and country names within a typo or two of each query word. */
async function fuzzySearch(db: Db, params: SearchParams, base: SQL[]): Promise<SearchHits> {
  const words = [
    ...new Set(
      analyse(params.q)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => [...word].length >= 3),
    ),
  ].slice(0, 8);
  const where =
    words.length > 0 ? sql.join([...base, ...words.map((word) => sql`${word} <% s.fuzzy_text`)], sql` and `) : NOTHING;
  const similarity = sql.join(
    words.map((word) => sql`word_similarity(${word}, s.fuzzy_text)`),
    sql` + `,
  );
  const found = await runSearchStatement(db, {
    where,
    score: words.length > 0 ? { expression: sql`(${similarity}) / ${words.length}` } : null,
    sort: params.sort,
    page: params.page,
    pageSize: params.pageSize,
    snippet: OPENING,
    // The operator form (<%) is what the trigram index answers; its threshold is a setting, local to the search's transaction.
    settings: { 'pg_trgm.word_similarity_threshold': String(FUZZY_THRESHOLD) },
  });
  return { ...found, fuzzy: found.total > 0 };
}

export function createPostgresSearchIndex({
  rankAllLimit = RANK_ALL_LIMIT,
}: { rankAllLimit?: number } = {}): LibrarySearchIndex {
  return {
    indexDocuments,
    settle,
    reindexOutdated,
    search: (db, params, scope) => search(db, params, scope, rankAllLimit),
  };
}

export const postgresSearchIndex = createPostgresSearchIndex();
