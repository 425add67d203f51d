import { sql, type SQL } from 'drizzle-orm';
import { LANGUAGES, isLanguage, type Language } from '../../../contracts/languages.ts';
import type { SearchParams } from '../../../contracts/library.ts';
import { inTransaction, rowsOf, type Db } from '../../../db/client.ts';
import { analyse, TEXT_SEARCH_CONFIG, unsegmentHan } from './text.ts';
import { parseQuery, symbolToken, toTsQueryParts } from './query.ts';
import type { FacetCount, LibrarySearchIndex, SearchHit, SearchHits, SearchScope } from './search-index.ts';

/**
 * Longest stretch of text a snippet is looked for in. ts_headline re-parses the text and its fragment
 * search grows faster than linearly with the number of matches, so a long text full of common words
 * could take seconds: the snippet comes from the opening of the text.
 */
const HEADLINE_SOURCE_CHARS = 12_000;
/** PostgreSQL refuses tsvectors over 1 MB; text beyond this is stored but not indexed. */
const INDEXED_TEXT_CHARS = 400_000;
/** Opening of the text that counts for relevance, with title and metadata (see rank_vector). */
const RANKED_TEXT_CHARS = 3_000;

interface SourceRow {
  id: string;
  kind: string;
  country_id: string | null;
  region_m49: string | null;
  subregion_m49: string | null;
  categories: string[];
  themes: string[];
  status: string | null;
  visibility: string;
  owner_organization_id: string | null;
  sort_date: string | null;
  metadata: string;
  titles: Record<string, string> | null;
  country_names: Record<string, string> | null;
  instruments: string[] | null;
  /** Symbols and resolutions the text cites, indexed as whole words (see symbolToken). */
  cited: string[];
  symbol: string | null;
}

/** The newest text of each language of each document (the search index shows the law as it stands). */
async function latestTexts(db: Db, documentIds: string[]): Promise<Map<string, Map<Language, string>>> {
  const rows = rowsOf<{ document_id: string; lang: string; text: string }>(await db.execute(sql`
    select distinct on (document_id, lang) document_id, lang, text from library_expressions
    where document_id in ${idList(documentIds)} order by document_id, lang, version_date desc`));
  const texts = new Map<string, Map<Language, string>>();
  for (const row of rows) {
    if (!isLanguage(row.lang)) continue;
    const byLanguage = texts.get(row.document_id) ?? new Map<Language, string>();
    byLanguage.set(row.lang, row.text);
    texts.set(row.document_id, byLanguage);
  }
  return texts;
}

const idList = (ids: string[]) => sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`;

/** Search rows of one document: one per language it has text in (or its first title's language). */
function entriesOf(source: SourceRow, texts: Map<Language, string>): SQL[] {
  const titles = source.titles ?? {};
  const titleLanguages = LANGUAGES.filter((lang) => titles[lang]);
  // A document without text (a bibliography entry, a law not yet uploaded) is still found by its title.
  const languages = texts.size > 0 ? [...texts.keys()] : titleLanguages.slice(0, 1);
  const allTitles = Object.values(titles).join(' \n ');
  const countryNames = Object.values(source.country_names ?? {}).join(' ');
  const fuzzyText = analyse(`${allTitles} ${countryNames}`).toLowerCase();
  const symbols = [source.symbol, ...source.cited].flatMap((symbol) => (symbol ? (symbolToken(symbol) ?? []) : []));
  const metadata = `${analyse(`${allTitles} ${source.metadata} ${countryNames}`)} ${[...new Set(symbols)].join(' ')}`;
  const year = source.sort_date ? Number(source.sort_date.slice(0, 4)) : null;
  return languages.map((lang) => {
    const config = TEXT_SEARCH_CONFIG[lang];
    const title = titles[lang] ?? titles[titleLanguages[0] ?? 'en'] ?? '';
    const body = analyse((texts.get(lang) ?? '').slice(0, INDEXED_TEXT_CHARS));
    return sql`(${source.id}::uuid, ${lang}, ${config}, ${title}, ${fuzzyText}, ${body}, ${body.slice(0, RANKED_TEXT_CHARS)}, ${analyse(title)}, ${metadata},
      ${source.country_id}, ${source.region_m49}, ${source.subregion_m49}, ${source.kind},
      ${pgArray(source.categories)}::text[], ${pgArray(source.themes)}::text[], ${pgArray(source.instruments ?? [])}::text[],
      ${source.status}, ${year}::int, ${source.sort_date}::date, ${source.visibility}, ${source.owner_organization_id}::uuid)`;
  });
}

/** Rebuilds the entries of many documents with a few statements: the bulk importer's path. */
async function indexDocuments(db: Db, documentIds: string[]): Promise<void> {
  if (documentIds.length === 0) return;
  await db.execute(sql`delete from library_search where document_id in ${idList(documentIds)}`);
  const sources = rowsOf<SourceRow>(await db.execute(sql`
    select d.id, d.kind, d.symbol, d.country_id, p.region_m49, p.subregion_m49, d.categories, d.themes, d.status, d.visibility,
      d.owner_organization_id,
      coalesce(d.adopted_date, d.decision_date, d.published_date, d.in_force_date)::text as sort_date,
      concat_ws(' ', d.symbol, d.number, d.court, d.case_number, d.parties, d.organization, d.source) as metadata,
      (select jsonb_object_agg(lang, title) from library_document_titles where document_id = d.id) as titles,
      (select jsonb_object_agg(lang, name) from participant_translations where participant_id = d.country_id) as country_names,
      (select array_agg(distinct instrument_id) from library_instrument_links where document_id = d.id) as instruments,
      array(select value from library_references where document_id = d.id and kind in ('symbol', 'resolution')) as cited
    from library_documents d left join participants p on p.id = d.country_id
    where d.id in ${idList(documentIds)} and d.deleted_at is null`));
  if (sources.length === 0) return;
  const texts = await latestTexts(db, sources.map((source) => source.id));
  const entries = sources.flatMap((source) => entriesOf(source, texts.get(source.id) ?? new Map()));
  await db.execute(sql`
    insert into library_search (document_id, lang, config, title, fuzzy_text, body, vector, rank_vector, country_id, region_m49, subregion_m49,
      kind, categories, themes, instruments, status, year, sort_date, visibility, owner_organization_id)
    select e.id, e.lang, e.config, e.title, e.fuzzy_text, e.body,
      e.head || setweight(to_tsvector(e.config::regconfig, e.body), 'C'),
      e.head || setweight(to_tsvector(e.config::regconfig, e.opening), 'C'),
      e.country_id, e.region_m49, e.subregion_m49, e.kind, e.categories, e.themes, e.instruments, e.status, e.year, e.sort_date, e.visibility, e.owner
    from (
      select v.*, setweight(to_tsvector(v.config::regconfig, v.analysed_title), 'A') || setweight(to_tsvector(v.config::regconfig, v.metadata), 'B') as head
      from (values ${sql.join(entries, sql`, `)}) as v(id, lang, config, title, fuzzy_text, body, opening, analysed_title, metadata,
        country_id, region_m49, subregion_m49, kind, categories, themes, instruments, status, year, sort_date, visibility, owner)
    ) e`);
}

/** A text[] literal; values are our own identifiers, quoted anyway so nothing can break out. */
const pgArray = (values: readonly string[]) => `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

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
  if (params.year) conditions.push(sql`s.year = ${params.year}`);
  if (params.status) conditions.push(sql`s.status = ${params.status}`);
  return conditions;
}

/**
 * The query under every text-search configuration in play (one when a language is chosen): a row
 * matches when some configuration finds all the words and none finds an excluded one. Configurations
 * that read the words alike give the same query, which is kept once: ts_headline and ts_rank slow down
 * sharply with repeated alternatives. The result is a constant, so PostgreSQL answers from the GIN index.
 */
async function tsQueryOf(db: Db, parts: { include: string; exclude: string | null }, lang: Language | undefined): Promise<SQL | null> {
  const configs = [...new Set((lang ? [lang] : LANGUAGES).map((l) => TEXT_SEARCH_CONFIG[l]))];
  const variants = async (text: string) => rowsOf<{ query: string }>(await db.execute(sql`
    select distinct query::text as query from (select to_tsquery(config::regconfig, ${text}) as query from unnest(${pgArray(configs)}::text[]) config) q
    where numnode(query) > 0`)).map((row) => sql`${row.query}::tsquery`);
  const include = await variants(parts.include);
  if (include.length === 0) return null;
  const any = sql`(${sql.join(include, sql` || `)})`;
  const exclude = parts.exclude ? await variants(parts.exclude) : [];
  return exclude.length > 0 ? sql`(${any} && !!(${sql.join(exclude, sql` || `)}))` : any;
}

const FACETS = ['country', 'region', 'kind', 'category', 'theme', 'instrument', 'language', 'year', 'status'] as const;

async function facetCounts(db: Db, where: SQL): Promise<{ total: number; facets: SearchHits['facets'] }> {
  const rows = rowsOf<{ facet: string; value: string | null; count: number }>(await db.execute(sql`
    with m as materialized (
      select s.country_id, s.region_m49, s.kind, s.categories, s.themes, s.instruments, s.lang, s.year, s.status
      from library_search s where ${where})
    select 'total' as facet, null as value, count(*)::int as count from m
    union all select 'country', country_id, count(*)::int from m where country_id is not null group by country_id
    union all select 'region', region_m49, count(*)::int from m where region_m49 is not null group by region_m49
    union all select 'kind', kind, count(*)::int from m group by kind
    union all select 'category', c, count(*)::int from m, unnest(m.categories) c group by c
    union all select 'theme', t, count(*)::int from m, unnest(m.themes) t group by t
    union all select 'instrument', i, count(*)::int from m, unnest(m.instruments) i group by i
    union all select 'language', lang, count(*)::int from m group by lang
    union all select 'year', year::text, count(*)::int from m where year is not null group by year
    union all select 'status', status, count(*)::int from m where status is not null group by status`));
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetCount[]])) as SearchHits['facets'];
  let total = 0;
  for (const row of rows) {
    if (row.facet === 'total') total = Number(row.count);
    else if (row.value !== null) facets[row.facet as (typeof FACETS)[number]].push({ value: row.value, count: Number(row.count) });
  }
  for (const facet of FACETS) {
    facets[facet].sort((a, b) => (facet === 'year' ? Number(b.value) - Number(a.value) : b.count - a.count || a.value.localeCompare(b.value)));
  }
  return { total, facets };
}

interface HitRow {
  document_id: string;
  lang: string;
  title: string;
  kind: string;
  country_id: string | null;
  sort_date: string | null;
  visibility: string;
  snippet: string;
  score: number;
}

const toHit = (row: HitRow): SearchHit => ({
  documentId: row.document_id, lang: row.lang as Language, title: row.title, kind: row.kind, countryId: row.country_id,
  date: row.sort_date, visibility: row.visibility, snippet: unsegmentHan(row.snippet.replace(/\s+/g, ' ').trim()), score: Number(row.score),
});

function orderBy(sort: SearchParams['sort'], ranked: boolean): SQL {
  if (sort === 'date_asc') return sql`s.sort_date asc nulls last, s.document_id`;
  if (sort === 'date_desc' || !ranked) return sql`s.sort_date desc nulls last, s.document_id`;
  return sql`score desc, s.sort_date desc nulls last, s.document_id`;
}

async function search(db: Db, params: SearchParams, scope: SearchScope): Promise<SearchHits> {
  const base = [scopeCondition(scope), ...filterConditions(params)];
  const parsed = parseQuery(params.q);
  const parts = toTsQueryParts(parsed);
  const offset = (params.page - 1) * params.pageSize;

  if (parts.include) {
    const query = await tsQueryOf(db, { include: parts.include, exclude: parts.exclude }, params.lang);
    if (!query) return { total: 0, hits: [], facets: (await facetCounts(db, sql`false`)).facets, fuzzy: false };
    // The query is written out (not taken from a CTE) so that the planner sees a constant and uses the GIN index.
    const where = sql.join([...base, sql`s.vector @@ ${query}`], sql` and `);
    const counted = await facetCounts(db, where);
    if (counted.total > 0) {
      const hits = rowsOf<HitRow>(await db.execute(sql`
        select page.*, ts_headline(s.config::regconfig, left(s.body, ${HEADLINE_SOURCE_CHARS}), to_tsquery(s.config::regconfig, ${parts.include}),
          'StartSel=[[, StopSel=]], MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "') as snippet
        from (
          select s.document_id, s.lang, s.title, s.kind, s.country_id, s.sort_date::text, s.visibility,
            ts_rank_cd(s.rank_vector, ${query}, 1) as score
          from library_search s where ${where}
          order by ${orderBy(params.sort, true)} limit ${params.pageSize} offset ${offset}) page
        join library_search s on s.document_id = page.document_id and s.lang = page.lang
        order by ${orderBy(params.sort, true)}`));
      return { ...counted, hits: hits.map(toHit), fuzzy: false };
    }
    // Typo tolerance is for plain words: a phrase or an exclusion asks for exactly those words.
    const plain = parsed.exclude.length === 0 && !params.q.includes('"');
    return plain ? fuzzySearch(db, params, base, offset) : { ...counted, hits: [], fuzzy: false };
  }
  const where = sql.join(base, sql` and `);
  const counted = await facetCounts(db, where);
  const hits = rowsOf<HitRow>(await db.execute(sql`
    select s.document_id, s.lang, s.title, s.kind, s.country_id, s.sort_date::text, s.visibility,
      left(s.body, 300) as snippet, 0 as score
    from library_search s where ${where}
    order by ${orderBy(params.sort, false)} limit ${params.pageSize} offset ${offset}`));
  return { ...counted, hits: hits.map(toHit), fuzzy: false };
}

/** How close a query word must be to a word of a title or country name (pg_trgm word similarity). */
const FUZZY_THRESHOLD = 0.45;

/** Nothing matched word for word: look for titles and country names within a typo or two of each query word. */
async function fuzzySearch(db: Db, params: SearchParams, base: SQL[], offset: number): Promise<SearchHits> {
  const words = [...new Set(analyse(params.q).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => [...word].length >= 3))].slice(0, 8);
  if (words.length === 0) return { total: 0, hits: [], facets: (await facetCounts(db, sql`false`)).facets, fuzzy: false };
  return inTransaction(db, async (tx) => {
    // The operator form (<%) is what the trigram index answers; its threshold is a setting, local to this transaction.
    await tx.execute(sql.raw(`set local pg_trgm.word_similarity_threshold = ${FUZZY_THRESHOLD}`));
    const where = sql.join([...base, ...words.map((word) => sql`${word} <% s.fuzzy_text`)], sql` and `);
    const counted = await facetCounts(tx, where);
    const score = sql.join(words.map((word) => sql`word_similarity(${word}, s.fuzzy_text)`), sql` + `);
    const hits = rowsOf<HitRow>(await tx.execute(sql`
      select s.document_id, s.lang, s.title, s.kind, s.country_id, s.sort_date::text, s.visibility,
        left(s.body, 300) as snippet, (${score}) / ${words.length} as score
      from library_search s where ${where}
      order by ${params.sort === 'relevance' ? sql`score desc, s.sort_date desc nulls last, s.document_id` : orderBy(params.sort, false)}
      limit ${params.pageSize} offset ${offset}`));
    return { ...counted, hits: hits.map(toHit), fuzzy: counted.total > 0 };
  });
}

export const postgresSearchIndex: LibrarySearchIndex = {
  indexDocuments,
  search: (db, params, scope) => search(db, params, scope),
};
