/**
 * Cross-references in library documents: UN document symbols, General Assembly and Security Council
 * resolutions, instruments and countries named in the text, in any of the six UN languages.
 *
 * Pure and synchronous: build the matcher once per gazetteer, then call `extract` per document.
 * The patterns for symbols and resolutions are here; names are looked for in names.ts, over the
 * text as fold-text.ts folds it.
 */

import { fold, prepare } from './fold-text.ts';
import { buildNameTrie, scanNames } from './names.ts';

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
// Document symbols

// Prefixes of the principal organs, of the subsidiary bodies and treaty bodies that publish under
// their own series, and of the conferences of parties of the UNODC conventions.
const SYMBOL_PREFIXES = [
  'A',
  'S',
  'E',
  'ST',
  'CTOC',
  'CAC',
  'UNODC',
  'TD',
  'DP',
  'UNEP',
  'FCCC',
  'ECE',
  'CCPR',
  'CAT',
  'CRC',
  'CEDAW',
  'CERD',
  'CMW',
  'CRPD',
  'CED',
  'SPT',
  'ICCD',
  'UNW',
].sort((a, b) => b.length - a.length);

// A segment: letters, digits and inner dots ("CN.15", "L.16", "Rev.1"); a hyphen only as in "ES-10".
const SEGMENT = '[A-Z0-9](?:[A-Za-z0-9]|\\.(?=[A-Za-z0-9])|(?<=[A-Za-z])-(?=\\d))*';
const SYMBOL_RE = new RegExp(
  `(?<![A-Za-z0-9\\u00C0-\\u024F.])(?:${SYMBOL_PREFIXES.join('|')})(?:\\/${SEGMENT})+(?:[ \\t\\u00A0]?\\([ \\t]?(?:\\d{4}|[IVXL]{1,7})[ \\t]?\\))?`,
  'gu',
);

function extractSymbols(src: string, symbols: Set<string>, resolutions: Set<string>): void {
  // Every symbol has a slash: looking for one is cheaper than trying the prefixes at each capital.
  if (!src.includes('/')) return;
  for (const m of src.matchAll(SYMBOL_RE)) {
    const raw = m[0];
    const paren = raw.indexOf('(');
    let base = (paren >= 0 ? raw.slice(0, paren) : raw).trim();
    const inParen = paren >= 0 ? raw.slice(paren + 1, -1).trim() : '';
    if (
      !base
        .split('/')
        .slice(1)
        .some((s) => /\d/.test(s))
    )
      continue;
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

const TRIGGER =
  '(?:[Rr]esolutions?|RESOLUTIONS?|[Rr]ésolutions?|RÉSOLUTIONS?|[Rr]esoluci(?:ón|on|ones)|RESOLUCI(?:ÓN|ONES)|[Рр]езолюци[яиюейхм]{1,3})';
const WORDED_RE = new RegExp(`(?<![\\p{L}\\p{N}])${TRIGGER}\\s+(${LIST})`, 'gu');
// Arabic names the organ between the word and the number: "قرار مجلس الأمن 1373 (2001)".
const ARABIC_RE = new RegExp(
  `(?<!\\p{L})[وبلف]?(?:ال)?قرار(?:ات|ين|ي|ا)?((?:\\s+\\p{Script=Arabic}+){0,6}?)\\s*(${LIST})`,
  'gu',
);
const CHINESE_RE = new RegExp(
  `第\\s*(${ITEM}(?:\\s*号?\\s*(?:以及|和|、|及|与|,)\\s*第?\\s*${ITEM})*)\\s*号\\s*决议`,
  'gu',
);

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
const NAME_WORD =
  "(?:\\p{Lu}[\\p{L}'’-]*|of|the|on|to|and|against|for|in|de|del|des|du|la|las|los|el|en|y|et|sur|contre|contra|sobre)";
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
  const lead =
    /^\s*,?\s*(?:(?:adopted )?by the |of the |of |the |de la |de l['’]|du |des |del |de los |de las |de |la |el |le |l['’])?/u.exec(
      src.slice(at, at + 40),
    );
  BODY_AT.lastIndex = at + (lead ? lead[0].length : 0);
  return bodyOf(BODY_AT.exec(src)?.groups);
}

/** Chinese puts the organ anywhere before 第…号决议 in the clause: "大会在…的第 68/187 号决议". */
function chineseBody(src: string, at: number): Body | null {
  let window = src.slice(Math.max(0, at - 40), at);
  const cut = Math.max(
    window.lastIndexOf('决议'),
    window.lastIndexOf('。'),
    window.lastIndexOf(';'),
    window.lastIndexOf('；'),
  );
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
  // These two patterns each need a word of their own script, which most texts lack: looking for
  // the word first is several times cheaper than running the pattern.
  if (src.includes('قرار')) {
    for (const m of src.matchAll(ARABIC_RE)) {
      const infix = (m[1] as string).trim();
      const named = infix ? bodyOf(BODY_FIRST.exec(infix)?.groups) : null;
      addItems(m[2] as string, named ?? bodyAfter(src, m.index + m[0].length), resolutions);
    }
  }
  if (src.includes('决议')) {
    for (const m of src.matchAll(CHINESE_RE)) {
      addItems(m[1] as string, chineseBody(src, m.index), resolutions);
    }
  }
}

// ---------------------------------------------------------------------------------------------

const sorted = (values: Set<string>): string[] => [...values].sort();

export function buildMatcher(gazetteer: Gazetteer): ReferenceMatcher {
  const names = buildNameTrie([
    { groups: gazetteer.instruments, kind: 'instrument' },
    { groups: gazetteer.countries, kind: 'country' },
  ]);
  return {
    extract(text: string): References {
      const src = prepare(typeof text === 'string' ? text : '');
      const symbols = new Set<string>();
      const resolutions = new Set<string>();
      // Every symbol that is kept and every resolution number has a digit: a text without one
      // (a short note, a title) need not go through the patterns at all.
      if (/[0-9]/.test(src)) {
        extractSymbols(src, symbols, resolutions);
        extractResolutions(src, resolutions);
      }
      const instrumentIds = new Set<string>();
      const countryIds = new Set<string>();
      scanNames(names, fold(src), src, [instrumentIds, countryIds]);
      return {
        symbols: sorted(symbols),
        resolutions: sorted(resolutions),
        instruments: sorted(instrumentIds),
        countries: sorted(countryIds),
      };
    },
  };
}
