/** Kinds of consent to be bound: each makes the participant a party. */
export const CONSENT_TYPES = [
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
  'definitive_signature',
] as const;
export const SIGNATURE_TYPES = ['signature', 'succession_to_signature'] as const;
export const WITHDRAWAL_TYPES = ['withdrawal'] as const;
/** Texts attached to a participation; they do not change who is a party. */
export const STATEMENT_TYPES = ['declaration', 'reservation', 'objection'] as const;

export const ACTION_TYPES = [...SIGNATURE_TYPES, ...CONSENT_TYPES, ...WITHDRAWAL_TYPES, ...STATEMENT_TYPES] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Other spellings accepted in generic action files. */
export const ACTION_TYPE_SYNONYMS: Record<string, ActionType> = {
  denunciation: 'withdrawal',
  'succession to signature': 'succession_to_signature',
  'definitive signature': 'definitive_signature',
};

export const isActionType = (value: string): value is ActionType => (ACTION_TYPES as readonly string[]).includes(value);

export type ActionCategory = 'signature' | 'consent' | 'withdrawal' | 'statement';

export function categoryOf(type: ActionType): ActionCategory {
  if ((SIGNATURE_TYPES as readonly string[]).includes(type)) return 'signature';
  if ((CONSENT_TYPES as readonly string[]).includes(type)) return 'consent';
  if ((WITHDRAWAL_TYPES as readonly string[]).includes(type)) return 'withdrawal';
  return 'statement';
}

/**
 * The identity of an action across snapshots. A participant signs, consents and withdraws at most once
 * per instrument in a depositary list, so a corrected date or kind is the same action changed; statements
 * are told apart by type, date and text.
 */
export function actionKeyOf(action: { type: ActionType; date: string; text?: string | null }): string {
  const category = categoryOf(action.type);
  if (category !== 'statement') return category;
  return `${action.type}:${action.date}:${hashText(action.text ?? '')}`;
}

function hashText(text: string): string {
  // FNV-1a: short and stable; statements of one participant on one day rarely number more than a few.
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** UNTC consent column suffixes. */
export const UNTC_CONSENT_SUFFIX: Record<string, ActionType> = {
  '': 'ratification',
  a: 'accession',
  A: 'acceptance',
  AA: 'approval',
  d: 'succession',
};
