import { AppError, because, type FieldProblem } from '../../lib/errors.ts';
import { MIN_PASSWORD_LENGTH } from './secrets.ts';

export const invalidCredentials = () =>
  new AppError({
    status: 401,
    code: 'auth.invalid_credentials',
    message: 'The email address or the password is not right.',
  });
export const unauthenticated = () =>
  new AppError({ status: 401, code: 'auth.unauthenticated', message: 'Sign in to do this.' });
export const forbidden = () =>
  new AppError({ status: 403, code: 'auth.forbidden', message: 'Your role does not allow this.' });
export const csrfFailed = () =>
  new AppError({
    status: 403,
    code: 'auth.csrf_failed',
    message: 'The request did not carry the X-CSRF-Token of your session.',
  });
export const invalidToken = () =>
  new AppError({ status: 401, code: 'auth.invalid_token', message: 'The API token is unknown, expired or revoked.' });
export const linkInvalid = () =>
  new AppError({
    status: 400,
    code: 'auth.link_invalid',
    message: 'This link is not valid any more: it was used, it expired, or a newer one was sent.',
  });
export const notFoundUser = () =>
  new AppError({ status: 404, code: 'accounts.user_not_found', message: 'There is no such user.' });
export const emailTaken = (deleted: boolean) =>
  new AppError({
    status: 409,
    code: 'accounts.email_taken',
    message: deleted
      ? 'A deleted user has this email address: restore that user instead.'
      : 'A user with this email address already exists.',
    problems: [{ field: 'email', ...because('email_taken', 'already used by another user') }],
  });
export const invalidInput = (message: string, problems: FieldProblem[]) =>
  new AppError({ status: 400, code: 'validation.invalid_request', message, problems });
export const passwordRejected = (field: string, reason: 'too_short' | 'too_long' | 'too_common') =>
  new AppError({
    status: 400,
    code: `accounts.password_${reason}`,
    message: {
      too_short: 'The password must have at least 12 characters.',
      too_long: 'The password is too long.',
      too_common: 'This password is among the most common ones: choose another.',
    }[reason],
    problems: [
      {
        field,
        ...because(
          `password_${reason}`,
          reason.replace('_', ' '),
          reason === 'too_short' ? { minimum: MIN_PASSWORD_LENGTH } : undefined,
        ),
      },
    ],
  });

export class LockedOutError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super({ status: 429, code: 'auth.locked_out', message: 'Too many failed sign-in attempts. Try again later.' });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
