import type { ReactNode } from 'react';
import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { useReason } from '../lib/reasons.ts';
import { QueryState } from './QueryState.tsx';

const keyOf = (code: string) => code.replace(/\./g, '_');
const isValidation = (code: string) => code === 'validation_failed' || code.startsWith('validation.');

/** The first message for a field or for anything inside it (`countries` also finds `countries.3`). */
export function errorAt(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const inside = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return inside ? errors[inside] : undefined;
}

/**
 * How a module's pages show the server's problems, with the module's translation namespace:
 * its own error codes (`errors.library_file_corrupt`) first, then the common ones. Each namespace has
 * `form.invalid` (the alert over a form with field errors) and `form.invalidReason` (a field's reason).
 */
export function moduleErrors(ns: string) {
  /** The translated message of an error code. */
  function useErrorMessage() {
    const { t } = useTranslation(ns);
    return (code: string) =>
      t(`errors.${keyOf(code)}`, {
        defaultValue: t(`errors.codes.${keyOf(code)}`, {
          ns: 'common',
          defaultValue: t('errors.generic', { ns: 'common' }),
        }),
      });
  }

  /**
   * Messages for the fields the server named, keyed by its field paths (`endDate`, `countries.0`): the
   * translation of the error's code when the module has one (a file too large, no rate for the date),
   * else the server's reason, introduced in the UI language.
   */
  function useFieldErrors(error: unknown): Record<string, string> {
    const { t, i18n } = useTranslation(ns);
    const reason = useReason();
    if (!(error instanceof ApiError)) return {};
    const key = `errors.${keyOf(error.problem.code)}`;
    const translated = i18n.exists(key, { ns }) ? t(key) : null;
    const out: Record<string, string> = {};
    for (const problem of error.problem.errors) {
      if (!problem.field || out[problem.field]) continue;
      out[problem.field] = translated ?? t('form.invalidReason', { reason: reason(problem).text });
    }
    return out;
  }

  /**
   * The error of a request, unless every one of its problems is already written next to its field.
   * `shownFields` names the fields the form shows errors on; a problem inside one (`countries.2`) counts as shown.
   */
  function ErrorAlert({
    error,
    shownFields = [],
  }: {
    error: unknown;
    shownFields?: readonly string[] | ((field: string) => boolean);
  }) {
    const { t } = useTranslation(ns);
    const message = useErrorMessage();
    const reason = useReason();
    if (!error) return null;
    const code = error instanceof ApiError ? error.problem.code : 'network';
    const problems = error instanceof ApiError ? error.problem.errors : [];
    const shown =
      typeof shownFields === 'function'
        ? shownFields
        : (field: string) => shownFields.some((f) => field === f || field.startsWith(`${f}.`));
    const others = problems.filter((p) => !p.field || !shown(p.field));
    if (problems.length > 0 && others.length === 0) return null;
    return (
      <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
        <Text>{isValidation(code) ? t('form.invalid') : message(code)}</Text>
        {others.map((problem, index) => {
          const { text, lang } = reason(problem);
          return (
            <Text key={index} size="sm" className="ltr-figures" lang={lang}>
              {problem.field ? `${problem.field}: ` : ''}
              {text}
            </Text>
          );
        })}
      </Alert>
    );
  }

  /** QueryState, with the module's own error codes (a record not found) translated. */
  function ModuleQueryState({
    isLoading,
    error,
    children,
  }: {
    isLoading: boolean;
    error: unknown;
    children?: ReactNode;
  }) {
    const { t, i18n } = useTranslation(ns);
    const message = useErrorMessage();
    if (error instanceof ApiError && i18n.exists(`errors.${keyOf(error.problem.code)}`, { ns })) {
      return (
        <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
          <Text>{message(error.problem.code)}</Text>
        </Alert>
      );
    }
    return (
      <QueryState isLoading={isLoading} error={error}>
        {children}
      </QueryState>
    );
  }

  return { useErrorMessage, useFieldErrors, ErrorAlert, ModuleQueryState };
}
