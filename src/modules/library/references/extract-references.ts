/**
 * Cross-references in library documents: UN document symbols, General Assembly and Security Council
 * resolutions, instruments and countries named in the text, in any of the six UN languages.
 *
 * Pure and synchronous: build the matcher once per gazetteer, then call `extract` per document.
 */

export interface Gazetteer {
  /** instrument id → names to look for: titles and short names, in any of the six UN languages */
  instruments: { id: string; names: string[] }[];
  /** participant id (ISO3) → names to look for: official names in six languages plus aliases */
  countries: { id: string; names: string[] }[];
}

/** Each list sorted and without duplicates. */
export interface References {
  symbols: string[];
  resolutions: string[];
  instruments: string[];
  countries: string[];
}

export interface ReferenceMatcher {
  extract(text: string): References;
}

// ---------------------------------------------------------------------------------------------
// Text preparation

/** Arabic-Indic and Eastern Arabic-Indic digits, which NFKC leaves alone, become ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/** The form both the symbol/resolution patterns and the name folding start from. */
const prepare = (text: string): string => asciiDigits(text.normalize('NFKC'));

/**
 * Scripts written without spaces between words: a name in them is matched as a substring, and a
 * line break inside such a name (common in text extracted from PDF) is ignored. Surrogate halves
 * are counted here because the astral letters that occur in documents are rare Han characters.
 */
function isUnspaced(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x9fff) ||
    (code >= 0xac00 && code <= 0xd7af) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x1100 && code <= 0x11ff)
  );
}

const isCyrillic = (code: number) => code >= 0x0400 && code <= 0x04ff;
const isArabicLetter = (code: number) => code >= 0x0620 && code <= 0x06ff;

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
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i', ħ: 'h', þ: 'th',
  '\u0671': '\u0627', '\u0649': '\u064A', '\u0629': '\u0647', '\u06CC': '\u064A', '\u06A9': '\u0643',
};

function word(out: string): CharClass {
  const codes = [...out].flatMap((c) => Array.from({ length: c.length }, (_, k) => c.charCodeAt(k)));
  return { kind: WORD, out: codes, space: false, unspacedFirst: isUnspaced(codes[0] as number), unspacedLast: isUnspaced(codes[codes.length - 1] as number) };
}
const SEP_SPACE: CharClass = { kind: SEP, out: [], space: true, unspacedFirst: false, unspacedLast: false };
const SEP_PUNCT: CharClass = { ...SEP_SPACE, space: false };
const DROPPED: CharClass = { ...SEP_SPACE, kind: DROP, space: false };

const ASCII: CharClass[] = Array.from({ length: 0x80 }, (_, code) => {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return word(String.fromCharCode(code));
  if (code >= 0x41 && code <= 0x5a) return word(String.fromCharCode(code + 32));
  return code <= 0x20 ? SEP_SPACE : SEP_PUNCT;
});
const classCache = new Map<number, CharClass>();

function classify(cp: number): CharClass {
  if (cp < 0x80) return ASCII[cp] as CharClass;
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

// Word endings that Russian case inflection changes: "Франция", "Франции", "Францию" fold alike.
const CYRILLIC_ENDINGS = new Set([...'аяоеьйиыую'].map((c) => c.charCodeAt(0)));
const CYRILLIC_MIN_STEMMED = 5;

interface Folded {
  text: string;
  /** for each folded code unit, its index in the prepared source */
  map: Int32Array;
}

function codesToString(codes: number[]): string {
  let text = '';
  for (let k = 0; k < codes.length; k += 8192) text += String.fromCharCode(...codes.slice(k, k + 8192));
  return text;
}

/**
 * Case, accents and punctuation folded away, runs of separators reduced to one space, and a light
 * Russian stem: the folded forms of a name and of the text around it compare with plain equality.
 */
function fold(src: string): Folded {
  const out: number[] = [];
  const map: number[] = [];
  let pending = 0; // 0 none, 1 whitespace only, 2 punctuation seen
  let pendingAt = 0;
  let lastUnspaced = false;
  let wordStart = 0;
  let wordCyrillic = true;
  const endWord = () => {
    const last = out[out.length - 1] as number;
    if (wordCyrillic && out.length - wordStart >= CYRILLIC_MIN_STEMMED && CYRILLIC_ENDINGS.has(last)) {
      out.pop();
      map.pop();
    }
  };
  for (let i = 0; i < src.length; ) {
    const cp = src.codePointAt(i) as number;
    const cls = classify(cp);
    if (cls.kind === SEP) {
      if (pending === 0) pendingAt = i;
      pending = cls.space && pending !== 2 ? 1 : 2;
    } else if (cls.kind === WORD) {
      if (pending !== 0 && out.length > 0 && !(pending === 1 && lastUnspaced && cls.unspacedFirst)) {
        endWord();
        out.push(0x20);
        map.push(pendingAt);
        wordStart = out.length;
        wordCyrillic = true;
      }
      pending = 0;
      for (const code of cls.out) {
        out.push(code);
        map.push(i);
        if (!isCyrillic(code)) wordCyrillic = false;
      }
      lastUnspaced = cls.unspacedLast;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (out.length > 0) endWord();
  return { text: codesToString(out), map: Int32Array.from(map) };
}

/** A letter or digit of a spaced script: a name in such a script may not continue into one. */
function isWordUnit(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return code !== 0x20 && !isUnspaced(code);
}

// ---------------------------------------------------------------------------------------------
// Names

interface Entry {
  id: string;
  key: string;
  /** the name as written, when the text must show it in capitals ("SUA") */
  exact: string | null;
  /** country names are proper nouns: "turkey" and "chad" in lower case are not countries */
  initialCapital: boolean;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  entries: Entry[] | null;
}

const newNode = (): TrieNode => ({ next: new Map(), entries: null });
const SHORT_NAME = 4;

function buildTrie(groups: { id: string; names: string[] }[], kind: 'instrument' | 'country'): TrieNode {
  const root = newNode();
  for (const { id, names } of groups) {
    for (const raw of names) {
      if (typeof raw !== 'string') continue;
      const name = prepare(raw).trim();
      const key = fold(name).text.trim();
      if (key === '' || /^[\d ]+$/.test(key)) continue;
      const unspaced = isUnspaced(key.charCodeAt(0));
      let exact: string | null = null;
      if (!unspaced && [...name].length < SHORT_NAME) {
        // Three letters are too often an ordinary word as well ("sua" in Italian, "чад" in Russian).
        if (kind === 'country') continue;
        exact = name.toUpperCase();
      }
      const first = name.charAt(0);
      const initialCapital = kind === 'country' && !unspaced && first !== first.toLowerCase();
      let node = root;
      for (let k = 0; k < key.length; k++) {
        const c = key.charCodeAt(k);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = newNode()));
        node = child;
      }
      const entries = (node.entries ??= []);
      const same = entries.find((e) => e.id === id);
      if (same) {
        // The laxest spelling of a name decides whether a mention is accepted.
        if (exact === null) same.exact = null;
        if (!initialCapital) same.initialCapital = false;
      } else entries.push({ id, key, exact, initialCapital });
    }
  }
  return root;
}

const ARABIC_PROCLITIC = /^[وف]?[بلك]?$/;
const NUMERAL_BEFORE_DAY = /[0-9〇一二三四五六七八九十]/;

/** Where a name may begin: any Han character; elsewhere at a word start, or after و/ف/ب/ل/ك in Arabic. */
function mayStartAt(f: string, i: number): boolean {
  const code = f.charCodeAt(i);
  if (isUnspaced(code) || !isWordUnit(f, i - 1)) return true;
  if (!isArabicLetter(code)) return false;
  let start = i;
  while (start > 0 && i - start < 3 && isWordUnit(f, start - 1)) start--;
  if (isWordUnit(f, start - 1)) return false;
  const prefix = f.slice(start, i);
  return prefix !== '' && ARABIC_PROCLITIC.test(prefix);
}

/**
 * Chinese has no word boundaries, so a few contexts in which a country name is really part of
 * another word are ruled out: 发展中国家 and 中国际 (…中 + 国家/国际), 印度洋 (the ocean), and
 * 日本 straight after a date (3月19日本报告…).
 */
function unspacedContextRejects(f: string, i: number, j: number, key: string): boolean {
  const next = f.charAt(j);
  if (key.endsWith('国') && (next === '际' || next === '家')) return true;
  if (next === '洋') return true;
  if (key.startsWith('日')) {
    let p = i - 1;
    if (f.charAt(p) === ' ') p--;
    if (p >= 0 && NUMERAL_BEFORE_DAY.test(f.charAt(p))) return true;
  }
  return false;
}

function accepts(entry: Entry, f: Folded, src: string, i: number, j: number): boolean {
  const { key } = entry;
  const lastUnspaced = isUnspaced(key.charCodeAt(key.length - 1));
  if (!lastUnspaced && isWordUnit(f.text, j)) return false;
  if (isUnspaced(key.charCodeAt(0)) || lastUnspaced) {
    if (unspacedContextRejects(f.text, i, j, key)) return false;
  }
  const at = f.map[i] as number;
  if (entry.exact !== null && src.slice(at, at + entry.exact.length) !== entry.exact) return false;
  if (entry.initialCapital) {
    const c = src.charAt(at);
    if (c === c.toLowerCase()) return false;
  }
  return true;
}

/**
 * Where the scan goes on after finding no name at `i`: past the rest of a word of a spaced script,
 * where no name can begin (mayStartAt), except in Arabic, whose names may follow a one-letter
 * prefix inside the word.
 */
function nextStart(text: string, i: number): number {
  let k = i + 1;
  if (!isWordUnit(text, i) || isArabicLetter(text.charCodeAt(i))) return k;
  while (isWordUnit(text, k) && !isArabicLetter(text.charCodeAt(k))) k++;
  return k;
}

/** Leftmost-longest scan: at each place the longest acceptable name wins and hides those inside it. */
function scanNames(root: TrieNode, f: Folded, src: string, found: Set<string>): void {
  const text = f.text;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const first = root.next.get(text.charCodeAt(i));
    if (!first || !mayStartAt(text, i)) {
      i = nextStart(text, i);
      continue;
    }
    let node: TrieNode | undefined = first;
    let j = i + 1;
    let bestEnd = -1;
    let best: Entry[] = [];
    for (;;) {
      if (node.entries) {
        const ok = node.entries.filter((e) => accepts(e, f, src, i, j));
        if (ok.length > 0) {
          bestEnd = j;
          best = ok;
        }
      }
      if (j >= n) break;
      node = node.next.get(text.charCodeAt(j));
      if (!node) break;
      j++;
    }
    if (bestEnd < 0) {
      i = nextStart(text, i);
      continue;
    }
    for (const e of best) found.add(e.id);
    i = bestEnd;
  }
}

// ---------------------------------------------------------------------------------------------
// Document symbols

// Prefixes of the principal organs, of the subsidiary bodies and treaty bodies that publish under
// their own series, and of the conferences of parties of the UNODC conventions.
const SYMBOL_PREFIXES = [
  'A', 'S', 'E', 'ST', 'CTOC', 'CAC', 'UNODC', 'TD', 'DP', 'UNEP', 'FCCC', 'ECE', 'CCPR', 'CAT', 'CRC',
  'CEDAW', 'CERD', 'CMW', 'CRPD', 'CED', 'SPT', 'ICCD', 'UNW',
].sort((a, b) => b.length - a.length);

// A segment: letters, digits and inner dots ("CN.15", "L.16", "Rev.1"); a hyphen only as in "ES-10".
const SEGMENT = '[A-Z0-9](?:[A-Za-z0-9]|\\.(?=[A-Za-z0-9])|(?<=[A-Za-z])-(?=\\d))*';
const SYMBOL_RE = new RegExp(
  `(?<![A-Za-z0-9\\u00C0-\\u024F.])(?:${SYMBOL_PREFIXES.join('|')})(?:\\/${SEGMENT})+(?:[ \\t\\u00A0]?\\([ \\t]?(?:\\d{4}|[IVXL]{1,7})[ \\t]?\\))?`,
  'gu',
);

function extractSymbols(src: string, symbols: Set<string>, resolutions: Set<string>): void {
  for (const m of src.matchAll(SYMBOL_RE)) {
    const raw = m[0];
    const paren = raw.indexOf('(');
    let base = (paren >= 0 ? raw.slice(0, paren) : raw).trim();
    const inParen = paren >= 0 ? raw.slice(paren + 1, -1).trim() : '';
    if (!base.split('/').slice(1).some((s) => /\d/.test(s))) continue;
    if (inParen && /^S\/RES\/\d+$/.test(base) && /^\d{4}$/.test(inParen)) base = `${base} (${inParen})`;
    else if (inParen && /^A\/RES\/\d+$/.test(base) && /^[IVXL]+$/.test(inParen)) base = `${base}(${inParen})`;
    symbols.add(base);
    const resolution = /^(?:A\/RES\/\d{1,3}\/\d{1,4}|S\/RES\/\d+ \(\d{4}\)|A\/RES\/\d+\([IVXL]+\))/.exec(base);
    if (resolution) resolutions.add(resolution[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// Resolutions written out in words

const YEAR = '(?:19[4-9]\\d|20\\d\\d)';
/** "1373 (2001)" Security Council; "2625 (XXV)" General Assembly before 1976; "60/288" General Assembly. */
const ITEM = `(?:\\d{3,4}\\s*\\(\\s*${YEAR}\\s*\\)|\\d{1,4}\\s*\\(\\s*[IVXL]{1,7}\\s*\\)|(?<![\\d/])\\d{1,2}\\/\\d{1,3}(?![\\d/]|\\.\\d))`;
const ITEM_RE = new RegExp(ITEM, 'g');
const NUMBER_SIGN = '(?:(?:No\\.?|no\\.|N°|n°|nº|№|رقم)\\s*)?';
const JOINER = '(?:and|et|y|e|и|or|ou|o|или|as well as|ainsi que|así como)';
const LIST_SEP = `(?:\\s*[,;،]\\s*(?:${JOINER}\\s+)?|\\s+${JOINER}\\s+|\\s*و\\s*)`;
const LIST = `${NUMBER_SIGN}${ITEM}(?:${LIST_SEP}${NUMBER_SIGN}${ITEM})*`;

const TRIGGER = '(?:[Rr]esolutions?|RESOLUTIONS?|[Rr]ésolutions?|RÉSOLUTIONS?|[Rr]esoluci(?:ón|on|ones)|RESOLUCI(?:ÓN|ONES)|[Рр]езолюци[яиюейхм]{1,3})';
const WORDED_RE = new RegExp(`(?<![\\p{L}\\p{N}])${TRIGGER}\\s+(${LIST})`, 'gu');
// Arabic names the organ between the word and the number: "قرار مجلس الأمن 1373 (2001)".
const ARABIC_RE = new RegExp(`(?<!\\p{L})[وبلف]?(?:ال)?قرار(?:ات|ين|ي|ا)?((?:\\s+\\p{Script=Arabic}+){0,6}?)\\s*(${LIST})`, 'gu');
const CHINESE_RE = new RegExp(`第\\s*(${ITEM}(?:\\s*号?\\s*(?:以及|和|、|及|与|,)\\s*第?\\s*${ITEM})*)\\s*号\\s*决议`, 'gu');

type Body = 'ga' | 'sc' | 'other';
const BODY_SOURCE = [
  '(?<ga>General Assembly|Assemblée générale|Asamblea General|Генеральн[а-я]* Ассамбле[а-я]*|الجمعية العامة|联合国大会)',
  '(?<sc>Security Council|Conseil de sécurité|Consejo de Seguridad|Совет[а-я]* Безопасности|مجلس الأمن|安全理事会|安理会)',
  '(?<other>Human Rights Council|Economic and Social Council|Commission|Committee|Conference|Board|Council|Conseil|Comité|Conférence|Consejo|Comisión|Conferencia|Совет[а-я]*|Комисси[а-я]*|Комитет[а-я]*|Конференци[а-я]*|مجلس|لجنة|مؤتمر|缔约方大会|缔约国大会|机构大会|理事会|委员会|会议)',
  '(?<assembly>大会|Assembly|Assemblée|Asamblea|Ассамбле[а-я]*)',
].join('|');
const BODY_ANY = new RegExp(BODY_SOURCE, 'gu');
const BODY_AT = new RegExp(BODY_SOURCE, 'uy');
const BODY_FIRST = new RegExp(BODY_SOURCE, 'u');

function bodyOf(groups: Record<string, string | undefined> | undefined): Body | null {
  if (!groups) return null;
  if (groups.ga !== undefined || groups.assembly !== undefined) return 'ga';
  if (groups.sc !== undefined) return 'sc';
  if (groups.other !== undefined) return 'other';
  return null;
}

// Between an organ and "resolution" may stand the rest of its title-case name ("Commission on
// Narcotic Drugs", "Conference of the Parties to the … Convention") and "in its"; anything else
// means the organ is not the one that adopted the resolution.
const NAME_WORD = "(?:\\p{Lu}[\\p{L}'’-]*|of|the|on|to|and|against|for|in|de|del|des|du|la|las|los|el|en|y|et|sur|contre|contra|sobre)";
const ORGAN_TO_TRIGGER = new RegExp(
  `^(?:\\s+${NAME_WORD})*(?:['’]s)?[\\s,]*(?:(?:in|by) its|en su|dans sa|par sa)?\\s*$|^(?:\\s+\\p{Script=Cyrillic}+){0,6}\\s+в (?:своей|ее|её)\\s*$|^\\s*(?:في)?\\s*$`,
  'u',
);

/** The organ named before the word "resolution" ("Human Rights Council resolution", "la Asamblea General, en su resolución"). */
function bodyBefore(src: string, at: number): Body | null {
  const window = src.slice(Math.max(0, at - 160), at);
  let last: RegExpExecArray | null = null;
  for (const m of window.matchAll(BODY_ANY)) last = m;
  if (!last) return null;
  return ORGAN_TO_TRIGGER.test(window.slice(last.index + last[0].length)) ? bodyOf(last.groups) : null;
}

/** The organ named right after the numbers ("résolution 60/288 de l'Assemblée générale", "резолюция 25/7 Совета по правам человека"). */
function bodyAfter(src: string, at: number): Body | null {
  const lead = /^\s*,?\s*(?:(?:adopted )?by the |of the |of |the |de la |de l['’]|du |des |del |de los |de las |de |la |el |le |l['’])?/u.exec(src.slice(at, at + 40));
  BODY_AT.lastIndex = at + (lead ? lead[0].length : 0);
  return bodyOf(BODY_AT.exec(src)?.groups);
}

/** Chinese puts the organ anywhere before 第…号决议 in the clause: "大会在…的第 68/187 号决议". */
function chineseBody(src: string, at: number): Body | null {
  let window = src.slice(Math.max(0, at - 40), at);
  const cut = Math.max(window.lastIndexOf('决议'), window.lastIndexOf('。'), window.lastIndexOf(';'), window.lastIndexOf('；'));
  if (cut >= 0) window = window.slice(cut + 1);
  let last: RegExpExecArray | null = null;
  for (const m of window.matchAll(BODY_ANY)) last = m;
  return last ? bodyOf(last.groups) : null;
}

function addItems(list: string, body: Body | null, resolutions: Set<string>): void {
  for (const m of list.matchAll(ITEM_RE)) {
    const item = m[0].replace(/\s+/g, '');
    const council = /^(\d+)\((\d{4})\)$/.exec(item);
    if (council) {
      resolutions.add(`S/RES/${council[1]} (${council[2]})`);
      continue;
    }
    // Session/number is also how the Human Rights Council and the UNODC commissions number theirs.
    if (body === 'other' || body === 'sc') continue;
    const old = /^(\d+)\(([IVXL]+)\)$/.exec(item);
    if (old) resolutions.add(`A/RES/${old[1]}(${old[2]})`);
    else resolutions.add(`A/RES/${item}`);
  }
}

function extractResolutions(src: string, resolutions: Set<string>): void {
  for (const m of src.matchAll(WORDED_RE)) {
    const list = m[1] as string;
    const end = m.index + m[0].length;
    addItems(list, bodyAfter(src, end) ?? bodyBefore(src, m.index), resolutions);
  }
  for (const m of src.matchAll(ARABIC_RE)) {
    const infix = (m[1] as string).trim();
    const named = infix ? bodyOf(BODY_FIRST.exec(infix)?.groups) : null;
    addItems(m[2] as string, named ?? bodyAfter(src, m.index + m[0].length), resolutions);
  }
  for (const m of src.matchAll(CHINESE_RE)) {
    addItems(m[1] as string, chineseBody(src, m.index), resolutions);
  }
}

// ---------------------------------------------------------------------------------------------

const sorted = (values: Set<string>): string[] => [...values].sort();

export function buildMatcher(gazetteer: Gazetteer): ReferenceMatcher {
  const instruments = buildTrie(gazetteer.instruments, 'instrument');
  const countries = buildTrie(gazetteer.countries, 'country');
  return {
    extract(text: string): References {
      const src = prepare(typeof text === 'string' ? text : '');
      const symbols = new Set<string>();
      const resolutions = new Set<string>();
      extractSymbols(src, symbols, resolutions);
      extractResolutions(src, resolutions);
      const folded = fold(src);
      const instrumentIds = new Set<string>();
      const countryIds = new Set<string>();
      scanNames(instruments, folded, src, instrumentIds);
      scanNames(countries, folded, src, countryIds);
      return { symbols: sorted(symbols), resolutions: sorted(resolutions), instruments: sorted(instrumentIds), countries: sorted(countryIds) };
    },
  };
}
