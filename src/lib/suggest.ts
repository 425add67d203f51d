/** One thing that can be suggested, with every spelling a person might type for it (id, codes, names, aliases). */
export interface SuggestionCandidate {
  id: string;
  keys: (string | null | undefined)[];
}

/** Case, accents and punctuation differ between what people type and what is stored: compare without them. */
const normalize = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Levenshtein distance, giving up (returning `limit + 1`) as soon as it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(cost);
      rowMin = Math.min(rowMin, cost);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Short inputs tolerate one typo; longer ones a few, so that "Nigr" finds Niger but "XXX" finds nothing much. */
const allowedEdits = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/**
 * The ids whose keys are nearest to `input`: those spelt exactly so if any, else a key the input begins
 * (`icsft` → `icsft-1999`), then a small edit distance. At most `limit`, best first, ties by id.
 */
export function suggest(input: string, candidates: Iterable<SuggestionCandidate>, limit = 3): string[] {
  const wanted = normalize(input);
  if (!wanted) return [];
  const edits = allowedEdits(wanted.length);
  const best = new Map<string, number>();
  for (const candidate of candidates) {
    for (const raw of candidate.keys) {
      if (!raw) continue;
      const key = normalize(raw);
      if (!key) continue;
      let score: number;
      if (key === wanted) score = 0;
      else if (wanted.length >= 2 && key.startsWith(wanted)) score = 1;
      else {
        const distance = editDistance(wanted, key, edits);
        if (distance > edits) continue;
        score = 1 + distance;
      }
      const known = best.get(candidate.id);
      if (known === undefined || score < known) best.set(candidate.id, score);
    }
  }
  // A name typed exactly ("Niger") means that participant, not also those that merely start alike ("Nigeria").
  const exact = [...best].filter(([, score]) => score === 0);
  return (exact.length ? exact : [...best])
    .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
    .slice(0, limit)
    .map(([id]) => id);
}

/** " (did you mean a or b?)", or nothing when there is no suggestion. */
export const didYouMean = (suggestions: string[]): string =>
  suggestions.length === 0
    ? ''
    : ` (did you mean ${suggestions.length === 1 ? suggestions[0] : `${suggestions.slice(0, -1).join(', ')} or ${suggestions.at(-1)}`}?)`;
