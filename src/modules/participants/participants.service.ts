/**
 * Folds a participant name for alias look-up: case, accents, apostrophes, punctuation and spacing.
 * It does not guess: `Cote d'Ivoire` and `Côte d’Ivoire` fold alike, but `Congo` never becomes
 * `Democratic Republic of the Congo`. Only names in the alias table resolve.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface AliasIndex {
  /** Participant id for a name, or undefined when the name is not a known variant. */
  resolve(name: string): string | undefined;
}

export function buildAliasIndex(aliases: Iterable<{ key: string; participantId: string }>): AliasIndex {
  const byKey = new Map<string, string>();
  for (const alias of aliases) byKey.set(alias.key, alias.participantId);
  return { resolve: (name) => byKey.get(normalizeName(name)) };
}
