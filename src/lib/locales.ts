import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../contracts/languages.ts';

/** Texts the server itself writes (mails, feeds) come from the same locales/ files as the web app's. */
const cache = new Map<string, Record<string, unknown>>();

function namespace(lang: Language, ns: string): Record<string, unknown> {
  const key = `${lang}/${ns}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8')) as Record<
      string,
      unknown
    >;
    cache.set(key, loaded);
  }
  return loaded;
}

export const asLanguage = (lang: string): Language => (isLanguage(lang) ? lang : DEFAULT_LANGUAGE);

/** The message at a dotted key, formatted with ICU rules of the language; English when the key is missing. */
export function translate(lang: string, ns: string, key: string, values: Record<string, string | number> = {}): string {
  const language = asLanguage(lang);
  const lookup = (l: Language) =>
    key
      .split('.')
      .reduce<unknown>(
        (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
        namespace(l, ns),
      );
  const message = lookup(language) ?? lookup(DEFAULT_LANGUAGE);
  if (typeof message !== 'string') return key;
  return String(new IntlMessageFormat(message, language).format(values));
}

/** A calendar date (YYYY-MM-DD) written out in the language, as a sentence of an export or a command's note needs it. */
export const longDate = (date: string, lang: string): string =>
  new Intl.DateTimeFormat(asLanguage(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
