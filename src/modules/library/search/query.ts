import { analyse, isHanWord } from './text.ts';

/** A search as people type it: words, "quoted phrases", and -excluded words or phrases. */
export interface ParsedQuery {
  include: Term[];
  exclude: Term[];
}

/** One word, or a phrase whose words must follow each other. */
export type Term = { words: string[] };

export const MAX_QUERY_LENGTH = 1000;
export const MAX_TERMS = 32;

const UN_SYMBOL = /^[A-Z][A-Z0-9.]*(?:\/[A-Z0-9.-]+)+(?:\s*\(\d{4}\))?$/i;

/**
 * A UN document symbol (A/RES/60/288, S/RES/1373 (2001), E/CN.15/2014/1) as one searchable word: the
 * text-search parser would otherwise cut it into pieces that match anywhere. The index holds the same
 * word for a document's own symbol and for every symbol and resolution it cites.
 */
export function symbolToken(text: string): string | null {
  const trimmed = text.trim();
  if (!UN_SYMBOL.test(trimmed) || !/\d/.test(trimmed)) return null;
  return `unsym${trimmed.replace(/\s*\(\d{4}\)$/, '').toLowerCase().replace(/[^a-z0-9]+/g, 'x')}`;
}

/** Letters, digits and combining marks only: everything else separates words and never reaches SQL syntax. */
const words = (text: string) => analyse(text).split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean).map((w) => w.toLowerCase());

/**
 * Parses any string without error: unbalanced quotes close at the end, lone operators are ignored,
 * punctuation and SQL-looking text are treated as word separators, and over-long input is cut.
 */
export function parseQuery(input: string): ParsedQuery {
  const text = [...input].slice(0, MAX_QUERY_LENGTH).join('');
  const query: ParsedQuery = { include: [], exclude: [] };
  const pattern = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
  for (const match of text.matchAll(pattern)) {
    const negated = (match[1] ?? match[3]) === '-';
    const raw = match[2] ?? match[4] ?? '';
    const symbol = symbolToken(raw);
    const term = { words: symbol ? [symbol] : words(raw) };
    if (term.words.length === 0) continue;
    (negated ? query.exclude : query.include).push(term);
    if (query.include.length + query.exclude.length >= MAX_TERMS) break;
  }
  return query;
}

const termToTsQuery = (term: Term) => (term.words.length === 1 ? term.words[0]! : `(${term.words.join(' <-> ')})`);

/**
 * The query in PostgreSQL's `to_tsquery` syntax, or null when nothing is left to search for (only
 * exclusions, or only punctuation). Words carry no operator characters, so the syntax is always valid.
 */
export function toTsQuery(query: ParsedQuery): string | null {
  if (query.include.length === 0) return null;
  const parts = [...query.include.map(termToTsQuery), ...query.exclude.map((term) => `!${termToTsQuery(term)}`)];
  return parts.join(' & ');
}

/**
 * A term as the index is asked for it. A phrase of Chinese words becomes the pairs of neighbouring
 * words the index holds as single words (see hanPairs), all required, so the index answers it alone,
 * as search engines index Chinese by pairs of characters. Two words are matched exactly; a longer
 * phrase matches a text holding each of its pairs, even if not all in one place.
 */
function termToIndexQuery(term: Term): string {
  if (term.words.length < 2 || !term.words.every(isHanWord)) return termToTsQuery(term);
  const pairs = term.words.slice(1).map((word, k) => `${term.words[k]}${word}`);
  return pairs.length === 1 ? pairs[0]! : `(${pairs.join(' & ')})`;
}

/**
 * The words to find and the words to exclude, each in `to_tsquery` syntax (or null), so that they can
 * be combined across several text-search configurations: (any configuration finds the words) and
 * (no configuration finds an excluded word). `highlight` is what snippets mark: the words as typed,
 * since the text shown has no pair words, each on its own. Phrases are not kept as phrases there:
 * `ts_headline` searches covers of a phrase query word by word, which cost 10–20 ms per Chinese text
 * (a segmented text has many short words) against about 2 ms for the same words joined by `&`.
 */
export function toTsQueryParts(query: ParsedQuery): { include: string | null; exclude: string | null; highlight: string | null } {
  return {
    include: query.include.length > 0 ? query.include.map(termToIndexQuery).join(' & ') : null,
    exclude: query.exclude.length > 0 ? query.exclude.map(termToIndexQuery).join(' | ') : null,
    highlight: query.include.length > 0 ? query.include.flatMap((term) => term.words).join(' & ') : null,
  };
}
