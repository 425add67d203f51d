import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.ts';

type FieldProblem = Problem['errors'][number];
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A field problem's reason for a reader: `text`, and `lang` 'en' when it is the server's English sentence. */
export interface Reason {
  text: string;
  lang?: 'en';
}

/**
 * The reason in the UI language, by its stable code (`reasons.too_small` with the minimum); the server's
 * English sentence for a code without a translation, or when the values the message needs are missing.
 */
export function reasonOf(problem: FieldProblem, t: Translate, exists: (key: string) => boolean): Reason {
  if (problem.code && exists(`reasons.${problem.code}`)) {
    try {
      return { text: t(`reasons.${problem.code}`, { ns: 'common', ...problem.params }) };
    } catch {
      // An ICU message whose value is missing throws: the English sentence still says what is wrong.
    }
  }
  return { text: problem.reason, lang: 'en' };
}

/** `reasonOf` with the app's translations. */
export function useReason(): (problem: FieldProblem) => Reason {
  const { t, i18n } = useTranslation('common');
  return (problem) => reasonOf(problem, t as Translate, (key) => i18n.exists(key, { ns: 'common' }));
}
