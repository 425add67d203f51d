import { translate } from '../../lib/locales.ts';

/** A mail in the recipient's language, from locales/<lang>/mail.json. */
export function renderMail(
  kind: 'invitation' | 'passwordReset' | 'overlap',
  lang: string,
  values: Record<string, string>,
): { subject: string; body: string } {
  return {
    subject: translate(lang, 'mail', `${kind}.subject`, values),
    body: translate(lang, 'mail', `${kind}.body`, values),
  };
}
