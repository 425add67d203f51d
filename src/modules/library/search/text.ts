import type { Language } from '../../../contracts/languages.ts';

/**
 * Text analysis for multilingual full-text search in PostgreSQL. Both sides (indexed text and query)
 * go through the same steps, so that a Chinese query finds Chinese documents by words and an Arabic
 * query finds words written with or without hamza, vowel marks or taa marbuta.
 */

/** PostgreSQL text-search configuration per language: stemming where PostgreSQL has it, `simple` for Chinese. */
export const TEXT_SEARCH_CONFIG: Record<Language, 'arabic' | 'english' | 'french' | 'russian' | 'spanish' | 'simple'> =
  {
    ar: 'arabic',
    en: 'english',
    fr: 'french',
    ru: 'russian',
    es: 'spanish',
    zh: 'simple',
  };

const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/u;
const ARABIC = /[\u0600-\u06ff]/u;
const NON_BLANK = /\S/u;

/** Arabic spelling variants folded: vowel marks and tatweel dropped, alef/yaa/taa marbuta/hamza forms unified. */
export function normalizeArabic(text: string): string {
  return text
    .replace(/[\u064b-\u065f\u0670\u06d6-\u06ed]/g, '')
    .replace(/\u0640/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0624/g, '\u0648')
    .replace(/\u0626/g, '\u064a');
}

let chineseSegmenter: Intl.Segmenter | null = null;

/**
 * Chinese (and Japanese) text as words separated by spaces, by ICU's dictionary; other text is left
 * as it was (a symbol such as E/CN.15/2014/1 keeps its form). Punctuation stays, so that snippets cut
 * from the text remain readable.
 */
export function segmentHan(text: string): string {
  if (!HAN.test(text)) return text;
  chineseSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  let result = '';
  // Each segment is looked at once; a space goes between two non-blank segments when either is Chinese.
  let previousWritten = false;
  let previousHan = false;
  for (const { segment } of chineseSegmenter.segment(text)) {
    const written = NON_BLANK.test(segment);
    const han = written && HAN.test(segment);
    if (written && previousWritten && (previousHan || han)) result += ' ';
    result += segment;
    previousWritten = written;
    previousHan = han;
  }
  return result;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u3040-\u30ff]/u;
const MARKERS = /^[[\]]+|[[\]]+$/g;

/** Undoes the word spacing of `segmentHan` for display: spaces between two CJK characters go (highlight markers `[[ ]]` are looked through). */
export function unsegmentHan(text: string): string {
  if (!HAN.test(text)) return text;
  return text
    .replace(/\s+/g, (space, offset: number) => {
      const before = text
        .slice(Math.max(0, offset - 3), offset)
        .replace(MARKERS, '')
        .slice(-1);
      const after = text
        .slice(offset + space.length, offset + space.length + 3)
        .replace(MARKERS, '')
        .slice(0, 1);
      return CJK.test(before) && CJK.test(after) ? '' : space;
    })
    .replace(/\]\]\[\[/g, '');
}

/** Text ready for `to_tsvector(config, …)` or for building a query: Unicode-normalised, segmented, folded. */
export function analyse(text: string): string {
  let result = text.normalize('NFKC');
  if (HAN.test(result)) result = segmentHan(result);
  if (ARABIC.test(result)) result = normalizeArabic(result);
  return result;
}

const HAN_WORD = /^[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]+$/u;

/** True for a word written wholly in Han (or kana) characters. */
export const isHanWord = (word: string) => HAN_WORD.test(word);

/**
 * Every pair of neighbouring Chinese words of an analysed text, written as one word ("资助" +
 * "恐怖主义" → "资助恐怖主义"). Chinese is typed without spaces, so most Chinese searches are
 * phrases; indexed as words, these pairs let the text index answer a two-word phrase by itself
 * instead of reading the positions of every text that holds both words.
 */
export function hanPairs(analysed: string): string[] {
  if (!HAN.test(analysed)) return [];
  const pairs = new Set<string>();
  let previous: string | null = null;
  for (const word of analysed.split(/\s+/)) {
    // Punctuation takes no position in a text-search vector: the words on either side are neighbours.
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    const han = isHanWord(word);
    if (han && previous !== null) pairs.add(previous + word);
    previous = han ? word : null;
  }
  return [...pairs];
}
