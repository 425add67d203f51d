import { useMemo, type ReactNode } from 'react';
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { ApiError } from '../../../lib/api.ts';
import { ProgrammeLinks } from './ProgrammeNav.tsx';
import { RequireSignIn } from '../../accounts/components/RequireSignIn.tsx';
import { useFundingRights, type Project } from '../funding.api.ts';

const keyOf = (code: string) => code.replace(/\./g, '_');

/** Amounts, rates and percentages in the UI language's conventions. */
export function useMoney() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const formats = new Map<string, Intl.NumberFormat>();
    const currencyFormat = (currency: string) => {
      let format = formats.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(i18n.language, { style: 'currency', currency });
        } catch {
          // Not a currency Intl knows: the number, then the code.
          format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
        }
        formats.set(currency, format);
      }
      return format;
    };
    const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
    const rate = new Intl.NumberFormat(i18n.language, { maximumSignificantDigits: 8 });
    return {
      /** An amount in its currency (US dollars when none is named). */
      money: (value: number | null | undefined, currency = 'USD') => {
        if (value === null || value === undefined) return '';
        const format = currencyFormat(currency);
        const text = format.format(value);
        return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
      },
      /** A ratio (1.25) as a percentage (125 %). */
      percent: (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? '' : percent.format(ratio)),
      rate: (value: number) => rate.format(value),
    };
  }, [i18n.language]);
}

/** The translated message of an error code: the programme's own codes first, then the common ones. */
export function useFundingErrorMessage() {
  const { t } = useTranslation('funding');
  return (code: string) => t(`errors.${keyOf(code)}`, {
    defaultValue: t(`errors.codes.${keyOf(code)}`, { ns: 'common', defaultValue: t('errors.generic', { ns: 'common' }) }),
  });
}

/**
 * Messages for the fields the server named (keys are its field paths: `currency`, `values.0.period`): the
 * translation of its code when the error is about the programme's data (no rate for the currency on the
 * date, a code already used), else the server's reason.
 */
export function useFundingFieldErrors(error: unknown): (field: string) => string | undefined {
  const { t, i18n } = useTranslation('funding');
  const messages: Record<string, string> = {};
  if (error instanceof ApiError) {
    const code = keyOf(error.problem.code);
    const translated = i18n.exists(`errors.${code}`, { ns: 'funding' }) ? t(`errors.${code}`) : null;
    for (const problem of error.problem.errors) {
      if (!problem.field || messages[problem.field]) continue;
      messages[problem.field] = translated ?? t('form.invalidReason', { reason: problem.reason });
    }
  }
  // A problem about an element of a list (`countries.2`) is shown on the list's input.
  return (field: string) => messages[field] ?? Object.entries(messages).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

/** The error of a request, unless each of its problems is already written next to its field. */
export function FundingErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const { t } = useTranslation('funding');
  const message = useFundingErrorMessage();
  if (!error) return null;
  const code = error instanceof ApiError ? error.problem.code : 'network';
  const problems = error instanceof ApiError ? error.problem.errors : [];
  const shown = (field: string | undefined) => field !== undefined && shownFields.some((f) => field === f || field.startsWith(`${f}.`));
  const others = problems.filter((p) => !shown(p.field));
  if (problems.length > 0 && others.length === 0) return null;
  return (
    <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
      <Text>{code.startsWith('validation.') ? t('form.invalid') : message(code)}</Text>
      {others.map((problem, index) => (
        <Text key={index} size="sm" className="ltr-figures">{problem.field ? `${problem.field}: ` : ''}{problem.reason}</Text>
      ))}
    </Alert>
  );
}

/** QueryState, with the programme's own error codes (a project not found) translated. */
export function FundingQueryState({ isLoading, error, children }: { isLoading: boolean; error: unknown; children?: ReactNode }) {
  const { t, i18n } = useTranslation('funding');
  if (error instanceof ApiError && i18n.exists(`errors.${keyOf(error.problem.code)}`, { ns: 'funding' })) {
    return (
      <Alert color="red" title={t('errors.title', { ns: 'common' })} role="alert">
        <Text>{t(`errors.${keyOf(error.problem.code)}`)}</Text>
      </Alert>
    );
  }
  return <QueryState isLoading={isLoading} error={error}>{children}</QueryState>;
}

/**
 * Every page of results and funding: signed-in users only (with `funding`, only the roles that may read
 * funding data), with the sub-navigation between these pages.
 */
export function FundingFrame({ funding = true, children }: { funding?: boolean; children: (user: User) => ReactNode }) {
  const { t } = useTranslation('funding');
  const rights = useFundingRights();
  return (
    <RequireSignIn>
      {(user) => (
        <Stack gap="lg">
          <ProgrammeLinks />
          {funding && !rights.canRead ? (
            <Stack gap="md" maw={640}>
              <Title order={1}>{t('gate.title')}</Title>
              <Alert color="yellow" title={t('gate.body')} role="status">
                <Anchor component={NavLink} to="/programme/dashboard">{t('gate.toDashboard')}</Anchor>
              </Alert>
            </Stack>
          ) : children(user)}
        </Stack>
      )}
    </RequireSignIn>
  );
}

/** A headline figure: its label, the value in large type, and an optional line under it. */
export function Figure({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed" component="dt">{label}</Text>
      <Text component="dd" m={0}>
        <Text component="span" size="xl" fw={700} display="block">{value}</Text>
        {note && <Text component="span" size="sm" display="block">{note}</Text>}
      </Text>
    </Paper>
  );
}

/** A project's period: "1 Jan 2024 – 31 Dec 2026", or open-ended. */
export function useProjectPeriod() {
  const { t } = useTranslation('funding');
  const format = useFormat();
  return (project: Pick<Project, 'startDate' | 'endDate'>) => (project.endDate
    ? t('projects.period', { start: format.date(project.startDate), end: format.date(project.endDate) })
    : t('projects.periodOpen', { start: format.date(project.startDate) }));
}
