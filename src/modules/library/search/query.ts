import { analyse } from './text.ts';

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
  return `unsym${trimmed
    .replace(/\s*\(\d{4}\)$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, 'x')}`;
}

/** Letters, digits and combining marks only: everything else separates words and never reaches SQL syntax. */
const words = (text: string) =>
  analyse(text)
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

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
