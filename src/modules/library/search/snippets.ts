import type { Language } from '../../../contracts/languages.ts';
import { lexemeOf, WORD_PATTERN } from './lexemes.ts';
import { unsegmentHan } from './text.ts';

/**
 * Snippets with the matched words marked `[[…]]`, cut from the opening of the analysed text that the
 * search row keeps. Words are matched by lexeme under the text's own language (the analysis that built
 * its vector), so "financed" marks "financing". Done here rather than with PostgreSQL's `ts_headline`,
 * which parses the text again for every row shown: about 1 ms a row, most of a search's time once the
 * matches themselves are found quickly.
 */

/** Words in a fragment, and fragments in a snippet (as ts_headline's MaxWords and MaxFragments). */
const FRAGMENT_WORDS = 32;
const MAX_FRAGMENTS = 2;
const FRAGMENT_DELIMITER = ' … ';

const CLOSING = /[^\p{L}\p{N}\p{M}\s]/u;

interface Token {
  start: number;
  end: number;
  matched: boolean;
}

/** The snippet of `text` (analysed, in `lang`) for the query words `words` (as parsed: lower case, analysed). */
export function snippetOf(text: string, lang: Language, words: string[]): string {
  const wanted = new Set(words.flatMap((word) => lexemeOf(lang, word) ?? []));
  const tokens: Token[] = [];
  const pattern = new RegExp(WORD_PATTERN);
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const lexeme = lexemeOf(lang, match[0].toLowerCase());
    tokens.push({
      start: match.index,
      end: match.index + match[0].length,
      matched: lexeme !== null && wanted.has(lexeme),
    });
  }
  if (tokens.length === 0) return '';
  const fragments = bestWindows(tokens).map(([first, last]) => {
    let fragment = '';
    let at = tokens[first]!.start;
    for (let k = first; k <= last; k++) {
      const token = tokens[k]!;
      if (!token.matched) continue;
      fragment += `${text.slice(at, token.start)}[[${text.slice(token.start, token.end)}]]`;
      at = token.end;
    }
    // The punctuation that closes the last word (a full stop, a bracket) stays with it.
    let end = tokens[last]!.end;
    while (end < text.length && CLOSING.test(text[end]!)) end++;
    return fragment + text.slice(at, end);
  });
  return unsegmentHan(fragments.join(FRAGMENT_DELIMITER).replace(/\s+/g, ' ').trim());
}

/**
 * Up to MAX_FRAGMENTS windows of FRAGMENT_WORDS tokens holding the most matches (the earliest among
 * equals), each moved to centre its matches, not overlapping, in text order; the opening words when
 * nothing in the text matches (the match was in the title or the metadata, or further on in the text).
 */
function bestWindows(tokens: Token[]): [number, number][] {
  const width = Math.min(FRAGMENT_WORDS, tokens.length);
  const matchesFrom: number[] = [];
  let inWindow = 0;
  for (let k = 0; k < width; k++) if (tokens[k]!.matched) inWindow++;
  for (let start = 0; start + width <= tokens.length; start++) {
    matchesFrom.push(inWindow);
    if (tokens[start]!.matched) inWindow--;
    if (start + width < tokens.length && tokens[start + width]!.matched) inWindow++;
  }
  const starts = matchesFrom
    .map((_, start) => start)
    .filter((start) => matchesFrom[start]! > 0)
    .sort((a, b) => matchesFrom[b]! - matchesFrom[a]! || a - b);
  const chosen: number[] = [];
  for (const start of starts) {
    if (chosen.length === MAX_FRAGMENTS) break;
    let first = start;
    while (!tokens[first]!.matched) first++;
    let last = start + width - 1;
    while (!tokens[last]!.matched) last--;
    const centred = Math.max(0, Math.min(tokens.length - width, Math.floor((first + last + 1 - width) / 2)));
    if (chosen.every((other) => Math.abs(other - centred) >= width)) chosen.push(centred);
  }
  if (chosen.length === 0) chosen.push(0);
  return chosen.sort((a, b) => a - b).map((start) => [start, start + width - 1]);
}
