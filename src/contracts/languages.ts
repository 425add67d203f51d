/** The six official languages of the United Nations; every UI text and multilingual name exists in each. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The UN language of a BCP 47 tag from a browser or the environment (`zh-Hans-CN`, `cmn`, `fr_CA.UTF-8`),
 * or null when it is none of the six. Intl.Locale maps aliases such as `cmn` to `zh` and `arb` to `ar`.
 */
export function languageOfTag(tag: string | null | undefined): Language | null {
  const cleaned = (tag ?? '').trim().split(/[.@]/)[0]!.replace(/_/g, '-');
  if (!cleaned) return null;
  let code: string;
  try {
    code = new Intl.Locale(cleaned).language;
  } catch {
    code = cleaned.split('-')[0]!.toLowerCase();
  }
  return isLanguage(code) ? code : null;
}

/** The first of the tags that is one of the six languages (a browser's `navigator.languages`, in its order). */
export function firstSupportedLanguage(tags: readonly (string | null | undefined)[]): Language | null {
  for (const tag of tags) {
    const lang = languageOfTag(tag);
    if (lang) return lang;
  }
  return null;
}

/** What may decide the interface language, strongest first; each is ignored when it is not one of the six. */
export interface LanguageSignals {
  /** The `lang` of the address: a shared link, or the language switcher's choice. */
  address?: string | null | undefined;
  /** The language last chosen in this browser (stored locally). */
  stored?: string | null | undefined;
  /** The signed-in user's profile language. */
  profile?: string | null | undefined;
  /** The browser's preferred languages, in order (`navigator.languages`). */
  browser?: readonly string[] | undefined;
}

/** The interface language: address, then this browser's choice, then the profile, then the browser, then English. */
export function resolveLanguage({ address, stored, profile, browser = [] }: LanguageSignals): Language {
  for (const value of [address, stored, profile]) if (isLanguage(value)) return value;
  return firstSupportedLanguage(browser) ?? DEFAULT_LANGUAGE;
}
