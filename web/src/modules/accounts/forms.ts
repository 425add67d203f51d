import { ApiError } from '../../lib/api.ts';

/** The server's rules for passwords (length only, plus a list of common ones it checks itself). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

type T = (key: string, options?: Record<string, unknown>) => string;

/** The client-side checks of a new password and its confirmation: translated messages by field. */
export function checkNewPassword(t: T, password: string, confirm: string): { password?: string; confirm?: string } {
  const errors: { password?: string; confirm?: string } = {};
  if ([...password].length < MIN_PASSWORD_LENGTH)
    errors.password = t('form.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
  else if (password.length > MAX_PASSWORD_LENGTH) errors.password = t('form.passwordTooLong');
  if (confirm !== password) errors.confirm = t('form.passwordMismatch');
  return errors;
}

/** Error codes that are about one field: their translation is shown on that field. */
const FIELD_CODES = new Set([
  'accounts.password_too_short',
  'accounts.password_too_long',
  'accounts.password_too_common',
  'accounts.email_taken',
]);

/**
 * Messages for the fields the server named, translated: by the error's code when it is about the
 * field, else by `overrides` for that field, else a general "not valid". `t` must be the common namespace's.
 */
export function serverFieldErrors(
  error: unknown,
  tCommon: T,
  overrides: Record<string, string> = {},
  invalid = '',
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const problem of error.problem.errors) {
    if (!problem.field || out[problem.field]) continue;
    const code = error.problem.code;
    out[problem.field] = FIELD_CODES.has(code)
      ? tCommon(`errors.codes.${code.replace(/\./g, '_')}`)
      : (overrides[problem.field] ?? invalid);
  }
  return out;
}

/** Where to go after signing in: a path of this site only (never another origin), else the account page. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in'))
    return '/account';
  return next;
}
