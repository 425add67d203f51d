import type { ReactNode } from 'react';
import { Alert, Loader, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { useReason } from '../lib/reasons.ts';

/** Loading and error states shared by every page; errors are translated by their stable code. */
export function QueryState({
  isLoading,
  error,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const reason = useReason();
  if (error) {
    const code = error instanceof ApiError ? error.problem.code : 'network';
    const fields = error instanceof ApiError ? error.problem.errors : [];
    return (
      <Alert color="red" title={t('errors.title')} role="alert">
        <Text>{t(`errors.codes.${code.replace(/\./g, '_')}`, { defaultValue: t('errors.generic') })}</Text>
        {fields.map((problem, index) => {
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
  if (isLoading) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm">{t('loading')}</Text>
      </Group>
    );
  }
  return <>{children}</>;
}
