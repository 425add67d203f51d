import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../contracts/languages.ts';

type Templates = Record<'invitation' | 'passwordReset', { subject: string; body: string }>;
const cache = new Map<Language, Templates>();

function templates(lang: Language): Templates {
  let loaded = cache.get(lang);
  if (!loaded) {
    loaded = JSON.parse(readFileSync(new URL(`../../../locales/${lang}/mail.json`, import.meta.url), 'utf8')) as Templates;
    cache.set(lang, loaded);
  }
  return loaded;
}

/** A mail in the recipient's language, from locales/<lang>/mail.json. */
export function renderMail(kind: keyof Templates, lang: string, values: Record<string, string>): { subject: string; body: string } {
  const language = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
  const template = templates(language)[kind];
  const format = (message: string) => String(new IntlMessageFormat(message, language).format(values));
  return { subject: format(template.subject), body: format(template.body) };
}
