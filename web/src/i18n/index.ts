import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  RTL_LANGUAGES,
  isLanguage,
  resolveLanguage,
  type Language,
} from '../../../src/contracts/languages.ts';

export const NAMESPACES = [
  'common',
  'status',
  'accounts',
  'library',
  'programme',
  'funding',
  'programmeImport',
] as const;

/** Each language's name written in that language, as a language switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

// Each language's files become their own chunk, fetched only when that language is chosen.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../../locales/*/*.json');

async function loadNamespace(lang: Language, ns: string) {
  const load = loaders[`../../../locales/${lang}/${ns}.json`];
  if (!load) throw new Error(`missing translation file locales/${lang}/${ns}.json`);
  return (await load()).default;
}

const STORAGE_KEY = 'lexpact.lang';

/** The language last chosen in this browser, if any. */
export function storedLanguage(): Language | null {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : null;
}

/**
 * The language the address asked for: the entry link's `lang`, or one chosen since (the switcher, a link
 * followed). The app writes the language into every address, and a language it wrote there from a weaker
 * signal (the browser's) must not later outrank the signed-in user's profile.
 */
let askedByAddress: Language | null = null;

/** The language to start in: the address's, else the one chosen before, else the browser's, else English. */
export function initialLanguage(): Language {
  const address = new URLSearchParams(window.location.search).get('lang');
  if (isLanguage(address)) askedByAddress = address;
  return resolveLanguage({ address, stored: storedLanguage(), browser: navigator.languages ?? [] });
}

/** The language once the profile's is known: it applies only where neither the address nor this browser chose one. */
export const languageWithProfile = (profile: string | null | undefined): Language =>
  resolveLanguage({ address: askedByAddress, stored: storedLanguage(), profile, browser: navigator.languages ?? [] });

export async function ensureLanguage(lang: Language) {
  await Promise.all(
    NAMESPACES.map(async (ns) => {
      if (!i18next.hasResourceBundle(lang, ns)) i18next.addResourceBundle(lang, ns, await loadNamespace(lang, ns));
    }),
  );
}

/**
 * Switches the UI language, and with it `<html lang dir>`. `asked` says why: the address named it, or the
 * person chose it here (remembered in this browser too); without it, it is the outcome of weaker signals.
 */
export async function changeLanguage(lang: Language, asked?: 'address' | 'choice') {
  await ensureLanguage(lang);
  await i18next.changeLanguage(lang);
  if (asked) askedByAddress = lang;
  if (asked === 'choice') localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
}

export async function initI18n() {
  const lang = initialLanguage();
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: lang,
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      ns: [...NAMESPACES],
      defaultNS: 'common',
      resources: {},
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
  await changeLanguage(lang);
  return i18next;
}

export const currentLanguage = (): Language => (isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE);
