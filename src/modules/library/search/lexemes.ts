import { readFileSync } from 'node:fs';
import snowball from 'snowball-stemmers';
import type { Language } from '../../../contracts/languages.ts';
import type { Term } from './query.ts';
import { isHanWord } from './text.ts';

/**
 * Text-search vectors and queries built in JavaScript, with the Snowball stemmers and stop lists that
 * PostgreSQL's own configurations use (english, french, spanish, russian, arabic; Chinese is kept as
 * segmented words, as the `simple` configuration does). PostgreSQL's parser costs about 2 ms for a
 * 14 KB text, most of the indexing time; here the same lexemes cost a fraction of that, and the
 * database only reads the finished vector. Queries are analysed by the same code, so both sides
 * always agree (the tests also compare the lexemes with PostgreSQL's `to_tsvector`). One difference:
 * a hyphenated compound is indexed by its parts only, and a query for it asks for the parts in a row.
 */

/** A text's words: letters, digits and combining marks; everything else separates (as the query parser does). */
export const WORD_PATTERN = /[\p{L}\p{N}\p{M}]+/gu;
/** PostgreSQL's limits: positions above 16,383 are all counted as 16,383; at most 256 positions per lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
/** Words this long are never search terms; PostgreSQL ignores words over 2 KB. */
const MAX_WORD_LENGTH = 200;

type Stemmed = Exclude<Language, 'zh'>;
const SNOWBALL_NAME: Record<Stemmed, string> = {
  ar: 'arabic',
  en: 'english',
  fr: 'french',
  ru: 'russian',
  es: 'spanish',
};
/** Stop lists as PostgreSQL ships them (data/text-search); its Arabic configuration has none. */
const STOP_FILE: Partial<Record<Stemmed, string>> = { en: 'english', fr: 'french', ru: 'russian', es: 'spanish' };

interface Analyser {
  /** The lexeme of a lower-case word, or null for a stop word. */
  lexeme(word: string): string | null;
}

/** Remembered stems per language; a library's vocabulary is large but bounded, and flushed when it is not. */
const CACHE_LIMIT = 200_000;

function stemmingAnalyser(lang: Stemmed): Analyser {
  const stemmer = snowball.newStemmer(SNOWBALL_NAME[lang]);
  const stopFile = STOP_FILE[lang];
  const stops = new Set(
    stopFile
      ? readFileSync(new URL(`../../../../data/text-search/${stopFile}.stop`, import.meta.url), 'utf8')
          .split('\n')
          .map((w) => w.trim().toLowerCase())
          .filter(Boolean)
      : [],
  );
  const cache = new Map<string, string | null>();
  return {
    lexeme(word) {
      let lexeme = cache.get(word);
      if (lexeme !== undefined) return lexeme;
      // Chinese words inside another language's text are left as written, as the stemmers would.
      lexeme = stops.has(word) ? null : isHanWord(word) ? word : stemmer.stem(word);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, lexeme);
      return lexeme;
    },
  };
}

const simpleAnalyser: Analyser = { lexeme: (word) => word };
const analysers = new Map<Language, Analyser>();

function analyserOf(lang: Language): Analyser {
  let analyser = analysers.get(lang);
  if (!analyser) {
    analyser = lang === 'zh' ? simpleAnalyser : stemmingAnalyser(lang);
    analysers.set(lang, analyser);
  }
  return analyser;
}

/** The lexeme of a lower-case word in `lang`, or null for a stop word (or a word too long to be one). */
export function lexemeOf(lang: Language, word: string): string | null {
  return word.length > MAX_WORD_LENGTH ? null : analyserOf(lang).lexeme(word);
}

export type Weight = 'A' | 'B' | 'C' | 'D';
const WEIGHT_CODE: Record<Weight, number> = { D: 0, C: 1, B: 2, A: 3 };
/**
 * Every position and weight as written in a vector ("1234A"; D, the default, is left out), indexed by
 * position × 4 + weight: writing a vector is then a matter of joining strings, not formatting numbers.
 */
const POSITION_TEXT = Array.from(
  { length: (MAX_POSITION + 1) * 4 },
  (_, entry) => `${entry >> 2}${['', 'C', 'B', 'A'][entry & 3]}`,
);

/** Lexemes quoted for a tsvector or tsquery literal. */
const quote = (lexeme: string) =>
  /['\\]/.test(lexeme) ? `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${lexeme}'`;

/**
 * One text-search vector, filled part by part (title, metadata, opening, rest): positions run on from
 * one part to the next, as they do when PostgreSQL concatenates vectors, and each part has its weight.
 * A position and its weight are kept as one number (position × 4 + weight), and each word seen is
 * mapped straight to its lexeme's list: most words of a text are repeats.
 */
export class VectorBuilder {
  private readonly byLexeme = new Map<string, number[]>();
  private readonly byWord = new Map<string, number[] | null>();
  private position = 0;
  private readonly analyser: Analyser;

  constructor(lang: Language) {
    this.analyser = analyserOf(lang);
  }

  /** Adds an analysed text (see `analyse`): every word takes a position, stop words included. */
  addText(text: string, weight: Weight): this {
    const code = WEIGHT_CODE[weight];
    for (const word of text.toLowerCase().match(WORD_PATTERN) ?? []) {
      if (word.length > MAX_WORD_LENGTH) continue;
      this.position++;
      let list = this.byWord.get(word);
      if (list === undefined) {
        const lexeme = this.analyser.lexeme(word);
        list = lexeme === null ? null : this.listOf(lexeme);
        this.byWord.set(word, list);
      }
      if (list !== null) this.push(list, code);
    }
    return this;
  }

  /** Adds ready lexemes (pairs of Chinese words), each at the next position. */
  addLexemes(lexemes: Iterable<string>, weight: Weight): this {
    for (const lexeme of lexemes) {
      this.position++;
      this.push(this.listOf(lexeme), WEIGHT_CODE[weight]);
    }
    return this;
  }

  private listOf(lexeme: string): number[] {
    let list = this.byLexeme.get(lexeme);
    if (!list) this.byLexeme.set(lexeme, (list = []));
    return list;
  }

  private push(list: number[], weight: number): void {
    if (list.length >= MAX_POSITIONS_PER_LEXEME) return;
    const position = Math.min(this.position, MAX_POSITION);
    // Past the last position every word shares it; it is recorded once.
    if (position === MAX_POSITION && list.length > 0 && list[list.length - 1]! >> 2 === MAX_POSITION) return;
    list.push((position << 2) | weight);
  }

  /** The vector in PostgreSQL's input syntax ('lexeme':1A,7 …), for a `::tsvector` cast. */
  literal(): string {
    const parts: string[] = [];
    for (const [lexeme, list] of this.byLexeme) {
      let text = `${quote(lexeme)}:${POSITION_TEXT[list[0]!]}`;
      for (let k = 1; k < list.length; k++) text += `,${POSITION_TEXT[list[k]!]}`;
      parts.push(text);
    }
    return parts.join(' ');
  }

  /**
   * The vector in PostgreSQL's binary form (as `tsvectorsend` writes it), for a parameter sent in
   * binary: the database then copies it rather than parsing the text form, which was a fifth of its
   * share of an import. Lexemes are sorted as the database keeps them (by their UTF-8 bytes; a rare
   * misplaced one, from outside the Basic Multilingual Plane, is sorted by the database itself).
   */
  binary(): Buffer {
    const lexemes = [...this.byLexeme.keys()].sort();
    let size = 4;
    for (const lexeme of lexemes) size += Buffer.byteLength(lexeme) + 3 + 2 * this.byLexeme.get(lexeme)!.length;
    const buffer = Buffer.allocUnsafe(size);
    let at = buffer.writeInt32BE(lexemes.length, 0);
    for (const lexeme of lexemes) {
      at += buffer.write(lexeme, at);
      at = buffer.writeUInt8(0, at);
      const list = this.byLexeme.get(lexeme)!;
      at = buffer.writeUInt16BE(list.length, at);
      // PostgreSQL keeps the weight in the top two bits of a position.
      for (const entry of list) at = buffer.writeUInt16BE(((entry & 3) << 14) | (entry >> 2), at);
    }
    return buffer;
  }
}

/**
 * A term under one language's analysis: a lexeme, or a phrase whose lexemes follow each other (a stop
 * word in between widens the distance, as PostgreSQL's `to_tsquery` does); null when only stop words.
 * As a `bag`, a phrase asks only for its lexemes, in any order: what the text index answers by itself.
 * A phrase of Chinese words asks for the pairs of neighbouring words the index holds (see hanPairs).
 */
function termQuery(term: Term, lang: Language, bag: boolean): string | null {
  const words = term.words;
  if (words.length > 1 && words.every(isHanWord)) {
    const pairs = words.slice(1).map((word, k) => quote(`${words[k]}${word}`));
    return pairs.length === 1 ? pairs[0]! : `(${pairs.join(' & ')})`;
  }
  const analyser = analyserOf(lang);
  let query = '';
  let distance = 0;
  for (const word of words) {
    const lexeme = word.length > MAX_WORD_LENGTH ? null : analyser.lexeme(word.toLowerCase());
    if (lexeme === null) {
      if (query !== '') distance++;
      continue;
    }
    query = query === '' ? quote(lexeme) : `${query} ${bag ? '&' : `<${distance + 1}>`} ${quote(lexeme)}`;
    distance = 0;
  }
  if (query === '') return null;
  return query.includes(' ') ? `(${query})` : query;
}

/** Languages whose analysis differs; Chinese and the five stemmed languages. */
const ANALYSED: Language[] = ['en', 'fr', 'es', 'ru', 'ar', 'zh'];

/** The terms under one language's analysis, joined by `join`; null when they are only stop words. */
function reading(terms: Term[], lang: Language, join: '&' | '|', bag: boolean): string | null {
  const parts = terms.map((term) => termQuery(term, lang, bag)).filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : parts.join(` ${join} `);
}

export interface TextQuery {
  /** The tsquery literal, as `tsQueryLiteral` builds it. */
  query: string;
  /**
   * When the terms hold phrases: the same terms with each phrase as a bag of words, which the text
   * index answers without reading a single vector, and for each language the phrase reading a text
   * in that language must match. A text's vector is built by its own language's analysis, so only
   * that reading can match it: the others need not be tried on it, and each try costs positions.
   */
  phrases: { bag: string; byLanguage: Map<Language, string | null> } | null;
}

/**
 * The terms as a tsquery literal matching a text in `lang`, or in any language when none is chosen:
 * all terms (`&`) or any of them (`|`) under one language's analysis, and the languages' readings
 * joined by `|`. Readings that come out alike are kept once: ts_rank slows down with repeated
 * alternatives. Null when every term is only stop words in every language.
 */
export function tsQueryLiteral(terms: Term[], lang: Language | undefined, join: '&' | '|', bag = false): string | null {
  const readings = new Set<string>();
  for (const language of lang ? [lang] : ANALYSED) {
    const found = reading(terms, language, join, bag);
    if (found !== null) readings.add(found);
  }
  if (readings.size === 0) return null;
  return readings.size === 1 ? [...readings][0]! : [...readings].map((one) => `(${one})`).join(' | ');
}

/** The terms to look for (joined by `&`), with what a phrase search needs (see TextQuery); null as tsQueryLiteral. */
export function textQuery(terms: Term[], lang: Language | undefined): TextQuery | null {
  const query = tsQueryLiteral(terms, lang, '&');
  if (query === null) return null;
  const bag = tsQueryLiteral(terms, lang, '&', true);
  if (bag === null || bag === query) return { query, phrases: null };
  return {
    query,
    phrases: {
      bag,
      byLanguage: new Map(
        (lang ? [lang] : ANALYSED).map((language) => [language, reading(terms, language, '&', false)]),
      ),
    },
  };
}
