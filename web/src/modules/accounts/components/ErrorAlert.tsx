import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/api.ts';
import { useReason } from '../../../lib/reasons.ts';

/**
 * The error of a form's request, translated by its code (common `errors.codes.*`); with a Retry-After,
 * how many minutes to wait. Problems already shown on their inputs (`shownFields`) are not repeated.
 */
export function ErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const { t } = useTranslation('accounts');
  const reason = useReason();
  if (!error) return null;
  const code = error instanceof ApiError ? error.problem.code : 'network';
  const retryAfter = error instanceof ApiError ? error.retryAfter : null;
  const problems = error instanceof ApiError ? error.problem.errors : [];
  const others = problems.filter((p) => !p.field || !shownFields.includes(p.field));
  // Every problem is already written on its input (as an alert): do not say it twice.
  if (problems.length > 0 && others.length === 0) return null;
  return (
    <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
      <Text>
        {code === 'validation.invalid_request'
          ? // The common message speaks of dates (the status pages' filters); forms get their own.
            t('form.invalidRequest')
          : t(`errors.codes.${code.replace(/\./g, '_')}`, {
              ns: 'common',
              defaultValue: t('errors.generic', { ns: 'common' }),
            })}
      </Text>
      {retryAfter !== null && (code === 'auth.locked_out' || code === 'http.rate_limited') && (
        <Text mt="xs">{t('errors.waitMinutes', { minutes: Math.max(1, Math.ceil(retryAfter / 60)) })}</Text>
      )}
      {code.startsWith('validation.') &&
        others.map((problem, index) => {
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
