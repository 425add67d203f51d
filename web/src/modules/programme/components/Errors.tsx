import type { ReactNode } from 'react';
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { ApiError } from '../../../lib/api.ts';

const keyOf = (code: string) => code.replace(/\./g, '_');

/** The translated message of an error code: the programme's own codes first, then the common ones. */
export function useErrorMessage() {
  const { t } = useTranslation('programme');
  return (code: string) => t(`errors.${keyOf(code)}`, {
    defaultValue: t(`errors.codes.${keyOf(code)}`, { ns: 'common', defaultValue: t('errors.generic', { ns: 'common' }) }),
  });
}

/**
 * Messages for the fields the server named (`endDate`, `participants.women`, `countries.0`), keyed by its
 * field paths: the server's reason, introduced in the UI language.
 */
export function useFieldErrors(error: unknown): Record<string, string> {
  const { t } = useTranslation('programme');
  const message = useErrorMessage();
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const problem of error.problem.errors) {
    if (!problem.field || out[problem.field]) continue;
    out[problem.field] = error.problem.code.startsWith('programme.') ? message(error.problem.code) : t('form.invalidReason', { reason: problem.reason });
  }
  return out;
}

/** The first message for a field or for anything inside it (`countries` also finds `countries.3`). */
export function errorAt(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const inside = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return inside ? errors[inside] : undefined;
}

/** The error of a request, unless every one of its problems is already written next to its field. */
export function ProgrammeErrorAlert({ error, isShown = () => false }: { error: unknown; isShown?: (field: string) => boolean }) {
  const { t } = useTranslation('programme');
  const message = useErrorMessage();
  if (!error) return null;
  const code = error instanceof ApiError ? error.problem.code : 'network';
  const problems = error instanceof ApiError ? error.problem.errors : [];
  const others = problems.filter((p) => !p.field || !isShown(p.field));
  if (problems.length > 0 && others.length === 0) return null;
  return (
    <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
      <Text>{code === 'validation.invalid_request' ? t('form.invalid') : message(code)}</Text>
      {others.map((problem, index) => (
        <Text key={index} size="sm" className="ltr-figures">{problem.field ? `${problem.field}: ` : ''}{problem.reason}</Text>
      ))}
    </Alert>
  );
}

/** QueryState, with the programme's own error codes (an activity not found) translated. */
export function ProgrammeQueryState({ isLoading, error, children }: { isLoading: boolean; error: unknown; children?: ReactNode }) {
  const { t } = useTranslation('programme');
  const message = useErrorMessage();
  if (error instanceof ApiError && error.problem.code.startsWith('programme.')) {
    return (
      <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
        <Text>{message(error.problem.code)}</Text>
      </Alert>
    );
  }
  return <QueryState isLoading={isLoading} error={error}>{children}</QueryState>;
}
