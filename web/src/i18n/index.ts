import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, RTL_LANGUAGES, isLanguage, type Language } from '../../../src/contracts/languages.ts';

export const NAMESPACES = ['common', 'status', 'accounts', 'library', 'programme', 'funding', 'programmeImport'] as const;

/** Each language's name written in that language, as a language switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { ar: 'العربية', zh: '中文', en: 'English', fr: 'Français', ru: 'Русский', es: 'Español' };

// Each language's files become their own chunk, fetched only when that language is chosen.
const loaders = import.meta.glob<{ default: Record<string, unknown> }>('../../../locales/*/*.json');

async function loadNamespace(lang: Language, ns: string) {
  const load = loaders[`../../../locales/${lang}/${ns}.json`];
  if (!load) throw new Error(`missing translation file locales/${lang}/${ns}.json`);
  return (await load()).default;
}

const STORAGE_KEY = 'lexpact.lang';

/** The language to start in: the one chosen before, else the browser's first UN language, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return DEFAULT_LANGUAGE;
}

export async function ensureLanguage(lang: Language) {
  await Promise.all(NAMESPACES.map(async (ns) => {
    if (!i18next.hasResourceBundle(lang, ns)) i18next.addResourceBundle(lang, ns, await loadNamespace(lang, ns));
  }));
}

/** Switches the UI language, and with it `<html lang dir>`. */
export async function changeLanguage(lang: Language) {
  await ensureLanguage(lang);
  await i18next.changeLanguage(lang);
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
}

export async function initI18n() {
  const lang = initialLanguage();
  await i18next.use(ICU).use(initReactI18next).init({
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
