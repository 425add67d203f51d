/**
 * Text as the reference patterns and the name matching see it: NFKC with ASCII digits, and for
 * names a folded form in which case, accents, punctuation and Russian case endings no longer count.
 *
 * Folding runs over every character of every document the library indexes, so it works from a
 * table of code units and writes into typed arrays reused from call to call: building strings and
 * objects per character cost several times more than the matching itself.
 */

/** Arabic-Indic and Eastern Arabic-Indic digits, which NFKC leaves alone, become ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/** The form both the symbol/resolution patterns and the name folding start from. */
export const prepare = (text: string): string => asciiDigits(text.normalize('NFKC'));

/**
 * Scripts written without spaces between words: a name in them is matched as a substring, and a
 * line break inside such a name (common in text extracted from PDF) is ignored. Surrogate halves
 * are counted here because the astral letters that occur in documents are rare Han characters.
 */
export function isUnspaced(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x1100 && code <= 0x11ff)
  );
}

export const isArabicLetter = (code: number) => code >= 0x0620 && code <= 0x06ff;

// ---------------------------------------------------------------------------------------------
// Folding

const SEP = 0;
const DROP = 1;
const WORD = 2;
interface CharClass {
  kind: typeof SEP | typeof DROP | typeof WORD;
  /** folded form as UTF-16 code units (WORD only) */
  out: number[];
  /** whitespace, as opposed to punctuation (SEP only) */
  space: boolean;
  unspacedFirst: boolean;
  unspacedLast: boolean;
}

// Letters that neither NFD nor lower-casing take apart, and the Arabic spelling variants that
// writers use interchangeably (alef forms, final yeh, teh marbuta, Persian yeh and keheh).
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ħ: 'h',
  þ: 'th',
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u0629': '\u0647',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
};

function word(out: string): CharClass {
  const codes = [...out].flatMap((c) => Array.from({ length: c.length }, (_, k) => c.charCodeAt(k)));
  return {
    kind: WORD,
    out: codes,
    space: false,
    unspacedFirst: isUnspaced(codes[0] as number),
    unspacedLast: isUnspaced(codes[codes.length - 1] as number),
  };
}
const SEP_SPACE: CharClass = { kind: SEP, out: [], space: true, unspacedFirst: false, unspacedLast: false };
const SEP_PUNCT: CharClass = { ...SEP_SPACE, space: false };
const DROPPED: CharClass = { ...SEP_SPACE, kind: DROP, space: false };

const classCache = new Map<number, CharClass>();

function classify(cp: number): CharClass {
  let cls = classCache.get(cp);
  if (cls) return cls;
  const ch = String.fromCodePoint(cp);
  if (/\p{M}|\p{Cf}/u.test(ch) || ch === '\u0640') cls = DROPPED;
  else if (/[\p{L}\p{N}]/u.test(ch)) {
    const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    let out = '';
    for (const c of folded) out += SPECIAL[c] ?? c;
    cls = out === '' ? DROPPED : word(out);
  } else cls = /\s/u.test(ch) ? SEP_SPACE : SEP_PUNCT;
  classCache.set(cp, cls);
  return cls;
}

// The class of each UTF-16 code unit, filled in as units are met. Most letters fold to a single
// unit, which the table holds itself with flags the folding loop would otherwise work out per
// unit; the rest, and high surrogates, which need the code point they start, go through `classify`.
const UNKNOWN = 0;
const IS_SPACE = 1;
const IS_PUNCT = 2;
const IS_DROPPED = 3;
const IS_OTHER = 4;
const CODE = 0xffff;
const IS_UNIT = 1 << 16;
const UNSPACED_FLAG = 1 << 17;
const UNITS = new Int32Array(0x10000);

const unitValue = (code: number): number => IS_UNIT | code | (isUnspaced(code) ? UNSPACED_FLAG : 0);

function unitClass(code: number): number {
  let value: number;
  if (code >= 0xd800 && code <= 0xdbff) value = IS_OTHER;
  else if (code < 0x80) {
    // ASCII control characters count as whitespace, which \s alone would not say of all of them.
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) value = unitValue(code);
    else if (code >= 0x41 && code <= 0x5a) value = unitValue(code + 32);
    else value = code <= 0x20 ? IS_SPACE : IS_PUNCT;
  } else {
    const cls = classify(code);
    if (cls.kind === DROP) value = IS_DROPPED;
    else if (cls.kind === SEP) value = cls.space ? IS_SPACE : IS_PUNCT;
    else value = cls.out.length === 1 ? unitValue(cls.out[0] as number) : IS_OTHER;
  }
  UNITS[code] = value;
  return value;
}

// Word endings that Russian case inflection changes: "Франция", "Франции", "Францию" fold alike.
// All of them lie in а…я, so a bit mask tests them.
const CYRILLIC_ENDINGS = [...'аяоеьйиыую'].reduce((mask, c) => mask | (1 << (c.charCodeAt(0) - 0x430)), 0);
const CYRILLIC_MIN_STEMMED = 5;

/** Whether the word out[start, end) is Cyrillic, long enough, and ends in an inflected ending. */
function stemmable(out: Uint16Array, start: number, end: number): boolean {
  const offset = (out[end - 1] as number) - 0x430;
  if (offset < 0 || offset >= 32 || ((CYRILLIC_ENDINGS >>> offset) & 1) === 0 || end - start < CYRILLIC_MIN_STEMMED)
    return false;
  for (let k = start; k < end; k++) {
    const code = out[k] as number;
    if (code < 0x0400 || code > 0x04ff) return false;
  }
  return true;
}

export interface Folded {
  codes: Uint16Array;
  length: number;
  /** for each folded code unit, its index in the prepared source */
  map: Int32Array;
  /**
   * The places where a name may begin, in order, but for those inside an Arabic word after a
   * one- or two-letter prefix: the start of each word, and each character of an unspaced script.
   */
  starts: Int32Array;
  startCount: number;
}

interface Buffers {
  codes: Uint16Array;
  map: Int32Array;
  starts: Int32Array;
}

const buffers = (capacity: number): Buffers => ({
  codes: new Uint16Array(capacity),
  map: new Int32Array(capacity),
  starts: new Int32Array(capacity),
});

/** Room for `size` units, the first `keep` units (and `keepStarts` starts) copied over. */
function grown(old: Buffers, size: number, keep: number, keepStarts: number): Buffers {
  const fresh = buffers(Math.max(size, old.codes.length * 2));
  fresh.codes.set(old.codes.subarray(0, keep));
  fresh.map.set(old.map.subarray(0, keep));
  fresh.starts.set(old.starts.subarray(0, keepStarts));
  return fresh;
}

// A document's folded text is needed only until its names are found, so the buffers are reused
// from call to call; but only up to a size, so that one huge document does not hold its memory.
const RETAINED = 1 << 20;
let shared = buffers(1 << 16);

/**
 * Case, accents and punctuation folded away, runs of separators reduced to one space, and a light
 * Russian stem: the folded forms of a name and of the text around it compare with plain equality.
 * The result is valid until the next call.
 */
export function fold(src: string): Folded {
  // A unit folds to at most one unit plus the space that its preceding separator paid for, so
  // only letters that fold to several units can outgrow the source length.
  let buffer = src.length <= shared.codes.length ? shared : grown(shared, src.length, 0, 0);
  let { codes: out, map, starts } = buffer;
  let length = 0;
  let startCount = 0;
  let pending = 0; // 0 none, 1 whitespace only, 2 punctuation seen
  let pendingAt = 0;
  let last = 0; // table value of the last unit written, for its UNSPACED_FLAG
  let wordStart = 0;
  const n = src.length;
  for (let i = 0; i < n;) {
    const unit = src.charCodeAt(i);
    let value = UNITS[unit] as number;
    if (value === UNKNOWN) value = unitClass(unit);
    if ((value & IS_UNIT) !== 0) {
      let start = length === 0 || ((value | last) & UNSPACED_FLAG) !== 0;
      if (pending !== 0) {
        if (length > 0 && !(pending === 1 && (value & last & UNSPACED_FLAG) !== 0)) {
          if (stemmable(out, wordStart, length)) length--;
          out[length] = 0x20;
          map[length++] = pendingAt;
          wordStart = length;
          start = true;
        }
        pending = 0;
      }
      if (start) starts[startCount++] = length;
      out[length] = value & CODE;
      map[length++] = i;
      last = value;
      i++;
      // The rest of a word of a spaced script, in a loop of its own: a branch per word saved.
      if ((last & UNSPACED_FLAG) !== 0) continue;
      while (i < n) {
        const next = UNITS[src.charCodeAt(i)] as number;
        if ((next & (IS_UNIT | UNSPACED_FLAG)) !== IS_UNIT) break;
        out[length] = next & CODE;
        map[length++] = i;
        last = next;
        i++;
      }
    } else if (value === IS_SPACE) {
      if (pending === 0) {
        pendingAt = i;
        pending = 1;
      }
      i++;
    } else if (value === IS_PUNCT) {
      if (pending === 0) pendingAt = i;
      pending = 2;
      i++;
    } else if (value === IS_DROPPED) i++;
    else {
      const cp = src.codePointAt(i) as number;
      const cls = classify(cp);
      if (cls.kind === SEP) {
        if (pending === 0) pendingAt = i;
        pending = cls.space && pending !== 2 ? 1 : 2;
      } else if (cls.kind === WORD) {
        const needed = length + 1 + cls.out.length + (n - i);
        if (needed > out.length) {
          buffer = grown(buffer, needed, length, startCount);
          ({ codes: out, map, starts } = buffer);
        }
        if (pending !== 0 && length > 0 && !(pending === 1 && (last & UNSPACED_FLAG) !== 0 && cls.unspacedFirst)) {
          if (stemmable(out, wordStart, length)) length--;
          out[length] = 0x20;
          map[length++] = pendingAt;
          wordStart = length;
        }
        pending = 0;
        for (const code of cls.out) {
          const previous = length === 0 ? 0x20 : (out[length - 1] as number);
          if (previous === 0x20 || isUnspaced(previous) || isUnspaced(code)) starts[startCount++] = length;
          out[length] = code;
          map[length++] = i;
        }
        last = cls.unspacedLast ? UNSPACED_FLAG : 0;
      }
      i += cp > 0xffff ? 2 : 1;
    }
  }
  if (length > 0 && stemmable(out, wordStart, length)) length--;
  if (out.length <= RETAINED) shared = buffer;
  return { codes: out, length, map, starts, startCount };
}

/** The folded form as a string, for names. */
export const foldedString = (src: string): string => {
  const { codes, length } = fold(src);
  let text = '';
  for (let k = 0; k < length; k += 8192) text += String.fromCharCode(...codes.subarray(k, Math.min(length, k + 8192)));
  return text;
};
