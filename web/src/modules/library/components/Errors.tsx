import type { ReactNode } from 'react';
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { ApiError } from '../../../lib/api.ts';

const keyOf = (code: string) => code.replace(/\./g, '_');

/** The translated message of an error code: the library's own codes first, then the common ones. */
export function useErrorMessage() {
  const { t } = useTranslation('library');
  return (code: string) => t(`errors.${keyOf(code)}`, {
    defaultValue: t(`errors.codes.${keyOf(code)}`, { ns: 'common', defaultValue: t('errors.generic', { ns: 'common' }) }),
  });
}

/**
 * Messages for the fields the server named: a file's problem by its code (translated), any other by the
 * server's reason. Keys are the server's field paths (`titles`, `instruments.0.instrument`, `file`).
 */
export function useFieldErrors(error: unknown): Record<string, string> {
  const { t } = useTranslation('library');
  const message = useErrorMessage();
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const problem of error.problem.errors) {
    if (!problem.field || out[problem.field]) continue;
    out[problem.field] = error.problem.code.startsWith('library.') ? message(error.problem.code) : t('form.invalidReason', { reason: problem.reason });
  }
  return out;
}

/** The error of a request, unless every one of its problems is already written next to its field. */
export function LibraryErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const { t } = useTranslation('library');
  const message = useErrorMessage();
  if (!error) return null;
  const code = error instanceof ApiError ? error.problem.code : 'network';
  const problems = error instanceof ApiError ? error.problem.errors : [];
  const others = problems.filter((p) => !p.field || !shownFields.includes(p.field));
  if (problems.length > 0 && others.length === 0) return null;
  return (
    <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
      <Text>{code === 'validation.invalid_request' || code === 'validation_failed' ? t('form.invalid') : message(code)}</Text>
      {others.map((problem, index) => (
        <Text key={index} size="sm" className="ltr-figures">{problem.field ? `${problem.field}: ` : ''}{problem.reason}</Text>
      ))}
    </Alert>
  );
}

/** QueryState, with the library's own error codes (a document not found, a version not found) translated. */
export function LibraryQueryState({ isLoading, error, children }: { isLoading: boolean; error: unknown; children?: ReactNode }) {
  const { t } = useTranslation('library');
  const message = useErrorMessage();
  if (error instanceof ApiError && error.problem.code.startsWith('library.')) {
    return (
      <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
        <Text>{message(error.problem.code)}</Text>
      </Alert>
    );
  }
  return <QueryState isLoading={isLoading} error={error}>{children}</QueryState>;
}
