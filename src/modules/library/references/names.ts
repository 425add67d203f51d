/**
 * Names of countries and instruments in folded text (see fold-text.ts), every kind in one pass.
 *
 * A walk starts at each place where a name may begin, so the trie is laid out in flat arrays (a
 * double array) rather than as nodes with a Map of children: a step is then a few array reads.
 */

import { foldedString, isArabicLetter, isUnspaced, prepare, type Folded } from './fold-text.ts';

interface Entry {
  id: string;
  /** which of the groups given to buildNameTrie the name belongs to */
  kind: number;
  /** the name as written, when the text must show it in capitals ("SUA") */
  exact: string | null;
  /** country names are proper nouns: "turkey" and "chad" in lower case are not countries */
  initialCapital: boolean;
  firstUnspaced: boolean;
  lastUnspaced: boolean;
  /** …国 and 日…, whose Chinese context is checked (see unspacedContextRejects) */
  endsWithGuo: boolean;
  startsWithRi: boolean;
}

/**
 * A trie of the folded names of every kind, so that one walk serves them all, laid out as a double
 * array: the child of `node` by the code unit c is `base[node] + alphabet[c]` if `check` there is
 * `node`. A step is then three reads and a comparison, where a hash table would need a probe loop.
 * Units that occur in no name have alphabet index 0, which is never a child.
 */
export interface NameTrie {
  kinds: number;
  alphabet: Uint16Array;
  base: Int32Array;
  check: Int32Array;
  entries: (Entry[] | undefined)[];
  /** 1 where `entries` has a list: a byte array is quicker to test on every step of a walk */
  hasEntries: Uint8Array;
}

const ROOT = 0;
// Offsets tried for a node's children before they go to the end: enough to fill most gaps left
// by earlier nodes, few enough to keep building linear in the size of the names.
const OFFSETS_TRIED = 64;
const SHORT_NAME = 4;

/** Folded name → what it names: one entry per kind and id, with the laxest conditions of its spellings. */
function collectNames(
  groupsByKind: { groups: { id: string; names: string[] }[]; kind: 'instrument' | 'country' }[],
): Map<string, Entry[]> {
  const byKey = new Map<string, Entry[]>();
  groupsByKind.forEach(({ groups, kind: kindName }, kind) => {
    for (const { id, names } of groups) {
      for (const raw of names) {
        if (typeof raw !== 'string') continue;
        const name = prepare(raw).trim();
        const key = foldedString(name).trim();
        if (key === '' || /^[\d ]+$/.test(key)) continue;
        const firstUnspaced = isUnspaced(key.charCodeAt(0));
        let exact: string | null = null;
        if (!firstUnspaced && [...name].length < SHORT_NAME) {
          // Three letters are too often an ordinary word as well ("sua" in Italian, "чад" in Russian).
          if (kindName === 'country') continue;
          exact = name.toUpperCase();
        }
        const first = name.charAt(0);
        const initialCapital = kindName === 'country' && !firstUnspaced && first !== first.toLowerCase();
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        const same = list.find((e) => e.kind === kind && e.id === id);
        if (same) {
          // The laxest spelling of a name decides whether a mention is accepted.
          if (exact === null) same.exact = null;
          if (!initialCapital) same.initialCapital = false;
        } else {
          const lastUnspaced = isUnspaced(key.charCodeAt(key.length - 1));
          list.push({
            id,
            kind,
            exact,
            initialCapital,
            firstUnspaced,
            lastUnspaced,
            endsWithGuo: key.endsWith('国'),
            startsWithRi: key.startsWith('日'),
          });
        }
      }
    }
  });
  return byKey;
}

/** One trie for several groups of names; a match reports the group's index as its kind. */
export function buildNameTrie(
  groupsByKind: { groups: { id: string; names: string[] }[]; kind: 'instrument' | 'country' }[],
): NameTrie {
  const byKey = collectNames(groupsByKind);
  const alphabet = new Uint16Array(0x10000);
  let letters = 0;
  for (const key of byKey.keys()) {
    for (let k = 0; k < key.length; k++) if (alphabet[key.charCodeAt(k)] === 0) alphabet[key.charCodeAt(k)] = ++letters;
  }
  // Sorted, the names below a node are the run of keys that share its prefix, and its children
  // the runs within it that share the next unit: the trie is laid out without being built first.
  const keys = [...byKey.keys()].sort();
  const base: number[] = [0];
  const check: number[] = [-1];
  const entries: (Entry[] | undefined)[] = [undefined];
  let firstFree = 1;
  const isTaken = (slot: number) => slot < check.length && check[slot] !== -1;

  /** Children go at the first offset, from the first free slot on, at which they all find free slots; after a few tries, at the end. */
  const offsetFor = (childLetters: number[]): number => {
    const lowest = childLetters[0] as number;
    while (isTaken(firstFree)) firstFree++;
    let offset = Math.max(firstFree - lowest, 1);
    // A single child that does not fit the first hole goes at the end, which leaves no gap.
    const tries = childLetters.length === 1 ? 1 : OFFSETS_TRIED;
    for (let tried = 0; tried < tries; tried++, offset++) {
      if (!childLetters.some((letter) => isTaken(offset + letter))) return offset;
    }
    return Math.max(check.length - lowest, 1);
  };

  const take = (slot: number, parent: number) => {
    while (check.length <= slot) {
      check.push(-1);
      base.push(0);
      entries.push(undefined);
    }
    check[slot] = parent;
  };

  /** Lays out the node at `at`, whose names are keys[lo, hi), all starting with the same `depth` units. */
  const layOut = (at: number, lo: number, hi: number, depth: number): void => {
    for (;;) {
      if ((keys[lo] as string).length === depth) entries[at] = byKey.get(keys[lo++] as string);
      if (lo >= hi) return;
      const code = (keys[lo] as string).charCodeAt(depth);
      if ((keys[hi - 1] as string).charCodeAt(depth) !== code) break;
      // One child, as along most of a long name: no need to look for room for several.
      const offset = offsetFor([alphabet[code] as number]);
      base[at] = offset;
      take(offset + (alphabet[code] as number), at);
      at = offset + (alphabet[code] as number);
      depth++;
    }
    const runs: number[] = [];
    for (let k = lo; k < hi;) {
      const code = (keys[k] as string).charCodeAt(depth);
      let end = k + 1;
      while (end < hi && (keys[end] as string).charCodeAt(depth) === code) end++;
      runs.push(k, end, alphabet[code] as number);
      k = end;
    }
    const offset = offsetFor(runs.filter((_, index) => index % 3 === 2).sort((x, y) => x - y));
    base[at] = offset;
    for (let r = 0; r < runs.length; r += 3) take(offset + (runs[r + 2] as number), at);
    for (let r = 0; r < runs.length; r += 3)
      layOut(offset + (runs[r + 2] as number), runs[r] as number, runs[r + 1] as number, depth + 1);
  };
  if (keys.length > 0) layOut(ROOT, 0, keys.length, 0);

  // Room for base + any alphabet index, so that a step never reads past the end.
  const size = base.reduce((most, offset) => Math.max(most, offset), 0) + letters + 1;
  const filled = (values: number[], fill: number) => {
    const array = new Int32Array(Math.max(size, values.length)).fill(fill);
    array.set(values);
    return array;
  };
  const hasEntries = new Uint8Array(Math.max(size, entries.length));
  entries.forEach((list, slot) => {
    if (list) hasEntries[slot] = 1;
  });
  return { kinds: groupsByKind.length, alphabet, base: filled(base, 0), check: filled(check, -1), entries, hasEntries };
}

// ---------------------------------------------------------------------------------------------
// Scanning

const isWordCode = (code: number): boolean => code !== 0x20 && !isUnspaced(code);
const isConjunction = (code: number) => code === 0x0648 || code === 0x0641; // و ف
const isPreposition = (code: number) => code === 0x0628 || code === 0x0644 || code === 0x0643; // ب ل ك

/**
 * The places inside an Arabic word where a name may begin as well: after a conjunction, a
 * preposition, or a conjunction and a preposition that start the word at `start` (و/ف/ب/ل/ك).
 * Returns a bit set: 1 for start + 1, 2 for start + 2.
 */
function afterProclitic(codes: Uint16Array, length: number, start: number): number {
  const first = codes[start] as number;
  if (!isConjunction(first) && !isPreposition(first)) return 0;
  const second = start + 1 < length ? (codes[start + 1] as number) : 0x20;
  if (!isWordCode(second)) return 0;
  let places = isArabicLetter(second) ? 1 : 0;
  const third = start + 2 < length ? (codes[start + 2] as number) : 0x20;
  if (isConjunction(first) && isPreposition(second) && isArabicLetter(third)) places |= 2;
  return places;
}

const NUMERALS_BEFORE_DAY = '0123456789〇一二三四五六七八九十';

/**
 * Chinese has no word boundaries, so a few contexts in which a country name is really part of
 * another word are ruled out: 发展中国家 and 中国际 (…中 + 国家/国际), 印度洋 (the ocean), and
 * 日本 straight after a date (3月19日本报告…).
 */
function unspacedContextRejects(f: Folded, i: number, j: number, entry: Entry): boolean {
  const next = j < f.length ? String.fromCharCode(f.codes[j] as number) : '';
  if (entry.endsWithGuo && (next === '际' || next === '家')) return true;
  if (next === '洋') return true;
  if (entry.startsWithRi) {
    let p = i - 1;
    if (p >= 0 && f.codes[p] === 0x20) p--;
    if (p >= 0 && NUMERALS_BEFORE_DAY.includes(String.fromCharCode(f.codes[p] as number))) return true;
  }
  return false;
}

function accepts(entry: Entry, f: Folded, src: string, i: number, j: number): boolean {
  if (!entry.lastUnspaced && j < f.length && isWordCode(f.codes[j] as number)) return false;
  if ((entry.firstUnspaced || entry.lastUnspaced) && unspacedContextRejects(f, i, j, entry)) return false;
  const at = f.map[i] as number;
  if (entry.exact !== null && !src.startsWith(entry.exact, at)) return false;
  if (entry.initialCapital) {
    const c = src.charAt(at);
    if (c === c.toLowerCase()) return false;
  }
  return true;
}

/** One document's scan: where each kind's scan goes on (past its last name), and the current walk's finds. */
interface Scan {
  trie: NameTrie;
  f: Folded;
  src: string;
  found: Set<string>[];
  resume: Int32Array;
  /** the least of `resume`: before it, no kind needs a walk */
  next: number;
  /** per kind, where the longest acceptable name of the current walk ends (-1: none) and its node */
  bestEnd: Int32Array;
  bestNode: Int32Array;
  any: boolean;
}

/** The names that end at `node`, `j`, and start at `i`: each acceptable one is, so far, its kind's longest. */
function noteNames(scan: Scan, node: number, i: number, j: number): void {
  for (const e of scan.trie.entries[node] as Entry[]) {
    if ((scan.resume[e.kind] as number) <= i && accepts(e, scan.f, scan.src, i, j)) {
      scan.bestEnd[e.kind] = j;
      scan.bestNode[e.kind] = node;
      scan.any = true;
    }
  }
}

/** After a walk from `i` that found names: their ids are added, and each kind goes on past its own. */
function settle(scan: Scan, i: number): void {
  const { trie, resume, bestEnd } = scan;
  for (let kind = 0; kind < trie.kinds; kind++) {
    const end = bestEnd[kind] as number;
    if (end < 0) continue;
    for (const e of trie.entries[scan.bestNode[kind] as number] as Entry[]) {
      if (e.kind === kind && accepts(e, scan.f, scan.src, i, end)) scan.found[kind]?.add(e.id);
    }
    resume[kind] = end;
    bestEnd[kind] = -1;
  }
  scan.next = resume.reduce((least, at) => Math.min(least, at));
  scan.any = false;
}

/**
 * Leftmost-longest, for each kind on its own: at each place the longest acceptable name wins and
 * hides the names of its kind that begin inside it. `found` receives the ids of each kind.
 */
export function scanNames(trie: NameTrie, f: Folded, src: string, found: Set<string>[]): void {
  const { codes, starts, length, startCount } = f;
  const { base, check, alphabet, hasEntries } = trie;
  const rootBase = base[ROOT] as number;
  const scan: Scan = {
    trie,
    f,
    src,
    found,
    next: 0,
    any: false,
    resume: new Int32Array(trie.kinds),
    bestEnd: new Int32Array(trie.kinds).fill(-1),
    bestNode: new Int32Array(trie.kinds),
  };
  /** The longest acceptable name of each kind whose scan has reached `i`, from `i` on. */
  const walk = (i: number): void => {
    let node = rootBase + (alphabet[codes[i] as number] as number);
    if (check[node] !== ROOT || i < scan.next) return;
    for (let j = i + 1; ; j++) {
      if (hasEntries[node] === 1) noteNames(scan, node, i, j);
      if (j >= length) break;
      const next = (base[node] as number) + (alphabet[codes[j] as number] as number);
      if (check[next] !== node) break;
      node = next;
    }
    if (scan.any) settle(scan, i);
  };
  for (let s = 0; s < startCount; s++) {
    const i = starts[s] as number;
    walk(i);
    if (!isArabicLetter(codes[i] as number)) continue;
    const inside = afterProclitic(codes, length, i);
    if ((inside & 1) !== 0) walk(i + 1);
    if ((inside & 2) !== 0) walk(i + 2);
  }
}
