import { LANGUAGES, type Language } from '../../../contracts/languages.ts';
import { VectorBuilder } from './lexemes.ts';
import { symbolToken } from './query.ts';
import { analyse, hanPairs, TEXT_SEARCH_CONFIG } from './text.ts';
import { SEARCH_INDEX_VERSION } from './index-version.ts';

/**
 * The rows of the search table built from a document's stored state: pure work on text (no database),
 * so that it can run on a worker thread during bulk imports (see library.analysis.ts).
 */

/**
 * Longest stretch of text a snippet is looked for in (see snippets.ts): the opening of the text, read
 * for every row shown, so that a page of long texts does not cost a reading of each whole text.
 */
const SNIPPET_SOURCE_CHARS = 6_000;
/** PostgreSQL refuses tsvectors over 1 MB; text beyond this is stored but not indexed. */
const INDEXED_TEXT_CHARS = 400_000;
/** Opening of the text that counts for relevance, with title and metadata (see rank_vector). */
const RANKED_TEXT_CHARS = 3_000;

export interface SourceRow {
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

/**
 * A row of library_search as the indexer builds it, the vector in tsvector input syntax. The ranking
 * vectors (rank_vector, head_vector) are the parts of it weighted A–C and A–B: the database takes them
 * out with ts_filter rather than reading them again.
 */
export interface Entry {
  document_id: string;
  lang: Language;
  config: string;
  title: string;
  fuzzy_text: string;
  body: string;
  vector: string | Uint8Array;
  country_id: string | null;
  region_m49: string | null;
  subregion_m49: string | null;
  kind: string;
  categories: string[];
  themes: string[];
  instruments: string[];
  status: string | null;
  year: number | null;
  sort_date: string | null;
  visibility: string;
  owner_organization_id: string | null;
  index_version: number;
}

/**
 * Search rows of one document: one per language it has text in (or its first title's language). The
 * vector is in PostgreSQL's input syntax, or binary where the driver sends binary parameters.
 */
export function entriesOf(
  source: SourceRow,
  texts: Map<Language, string>,
  vectorForm: 'text' | 'binary' = 'text',
): Entry[] {
  const titles = source.titles ?? {};
  const titleLanguages = LANGUAGES.filter((lang) => titles[lang]);
  // A document without text (a bibliography entry, a law not yet uploaded) is still found by its title.
  const languages = texts.size > 0 ? [...texts.keys()] : titleLanguages.slice(0, 1);
  const allTitles = Object.values(titles).join(' \n ');
  const countryNames = Object.values(source.country_names ?? {}).join(' ');
  const fuzzyText = analyse(`${allTitles} ${countryNames}`).toLowerCase();
  const symbols = [source.symbol, ...source.cited].flatMap((symbol) => (symbol ? (symbolToken(symbol) ?? []) : []));
  const metadata = `${analyse(`${allTitles} ${source.metadata} ${countryNames}`)} ${[...new Set(symbols)].join(' ')}`;
  return languages.map((lang) => {
    const title = titles[lang] ?? titles[titleLanguages[0] ?? 'en'] ?? '';
    const body = analyse((texts.get(lang) ?? '').slice(0, INDEXED_TEXT_CHARS));
    const [opening, rest] = splitAtWord(body, RANKED_TEXT_CHARS);
    const analysedTitle = analyse(title);
    // Title (A) and metadata (B) make the head; with the opening (C) they rank a text; the rest (D)
    // and the pairs of Chinese words complete what a search can find.
    const vector = new VectorBuilder(lang)
      .addText(analysedTitle, 'A')
      .addText(metadata, 'B')
      .addText(opening, 'C')
      .addText(rest, 'D')
      .addLexemes(new Set([...hanPairs(analysedTitle), ...hanPairs(body)]), 'D');
    return {
      document_id: source.id,
      lang,
      config: TEXT_SEARCH_CONFIG[lang],
      title,
      fuzzy_text: fuzzyText,
      body: body.slice(0, SNIPPET_SOURCE_CHARS),
      vector: vectorForm === 'binary' ? vector.binary() : vector.literal(),
      country_id: source.country_id,
      region_m49: source.region_m49,
      subregion_m49: source.subregion_m49,
      kind: source.kind,
      categories: source.categories,
      themes: source.themes,
      instruments: source.instruments ?? [],
      status: source.status,
      year: source.sort_date ? Number(source.sort_date.slice(0, 4)) : null,
      sort_date: source.sort_date,
      visibility: source.visibility,
      owner_organization_id: source.owner_organization_id,
      index_version: SEARCH_INDEX_VERSION,
    };
  });
}

/**
 * The text cut at a space near `at`: the opening is weighted C (it counts for relevance, see
 * rank_vector), the rest keeps the default weight D. Each part is parsed once.
 */
function splitAtWord(text: string, at: number): [string, string] {
  if (text.length <= at) return [text, ''];
  const space = text.indexOf(' ', at);
  const cut = space === -1 ? text.length : space;
  return [text.slice(0, cut), text.slice(cut)];
}
