import { useMemo, type ReactNode } from 'react';
import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { errorAt, moduleErrors } from '../../../components/ModuleErrors.tsx';
import { useFormat } from '../../../lib/format.ts';
import { DonorScopeNotice, ProgrammeLinks } from './ProgrammeNav.tsx';
import { RequireSignIn } from '../../accounts/components/RequireSignIn.tsx';
import { useFundingRights, type Project } from '../funding.api.ts';

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
      percent: (ratio: number | null | undefined) =>
        ratio === null || ratio === undefined ? '' : percent.format(ratio),
      rate: (value: number) => rate.format(value),
    };
  }, [i18n.language]);
}

const funding = moduleErrors('funding');

/** Messages for the fields the server named; a problem inside a list (`countries.2`) shows on the list's input. */
export function useFundingFieldErrors(error: unknown): (field: string) => string | undefined {
  const errors = funding.useFieldErrors(error);
  return (field: string) => errorAt(errors, field);
}

export const FundingErrorAlert = funding.ErrorAlert;
export const FundingQueryState = funding.ModuleQueryState;

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
          <DonorScopeNotice user={user} />
          {funding && !rights.canRead ? (
            <Stack gap="md" maw={640}>
              <Title order={1}>{t('gate.title')}</Title>
              <Alert color="yellow" title={t('gate.body')} role="status">
                <Anchor component={NavLink} to="/programme/dashboard">
                  {t('gate.toDashboard')}
                </Anchor>
              </Alert>
            </Stack>
          ) : (
            children(user)
          )}
        </Stack>
      )}
    </RequireSignIn>
  );
}

/** A headline figure: its label, the value in large type, and an optional line under it. */
export function Figure({ label, value, note }: { label: string; value: ReactNode; note?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0}>
        <Text component="span" size="xl" fw={700} display="block">
          {value}
        </Text>
        {note && (
          <Text component="span" size="sm" display="block">
            {note}
          </Text>
        )}
      </Text>
    </Paper>
  );
}

/** A project's period: "1 Jan 2024 – 31 Dec 2026", or open-ended. */
export function useProjectPeriod() {
  const { t } = useTranslation('funding');
  const format = useFormat();
  return (project: Pick<Project, 'startDate' | 'endDate'>) =>
    project.endDate
      ? t('projects.period', { start: format.date(project.startDate), end: format.date(project.endDate) })
      : t('projects.periodOpen', { start: format.date(project.startDate) });
}
