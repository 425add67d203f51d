import type { Language } from '../../../contracts/languages.ts';

/**
 * Text analysis for multilingual full-text search in PostgreSQL. Both sides (indexed text and query)
 * go through the same steps, so that a Chinese query finds Chinese documents by words and an Arabic
 * query finds words written with or without hamza, vowel marks or taa marbuta.
 */

/** PostgreSQL text-search configuration per language: stemming where PostgreSQL has it, `simple` for Chinese. */
export const TEXT_SEARCH_CONFIG: Record<Language, 'arabic' | 'english' | 'french' | 'russian' | 'spanish' | 'simple'> = {
  ar: 'arabic', en: 'english', fr: 'french', ru: 'russian', es: 'spanish', zh: 'simple',
};

const HAN = /[\u3400-\u9fff\uf900-\ufaff\u3040-\u30ff]/u;
const ARABIC = /[\u0600-\u06ff]/u;

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

/** Chinese (and Japanese) text as words separated by spaces, by ICU's dictionary; other text is left alone. */
export function segmentHan(text: string): string {
  if (!HAN.test(text)) return text;
  chineseSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const segment of chineseSegmenter.segment(text)) if (segment.isWordLike) words.push(segment.segment);
  return words.join(' ');
}

/** Text ready for `to_tsvector(config, …)` or for building a query: Unicode-normalised, segmented, folded. */
export function analyse(text: string): string {
  let result = text.normalize('NFKC');
  if (HAN.test(result)) result = segmentHan(result);
  if (ARABIC.test(result)) result = normalizeArabic(result);
  return result;
}
