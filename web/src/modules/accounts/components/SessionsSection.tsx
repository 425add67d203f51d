import { Group, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../../../src/contracts/accounts.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useEndOtherSessions, useEndSession, useSessions, useSignOutEverywhere } from '../accounts.api.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** A short description of a browser's user agent: browser and system names, which need no translation. */
export function describeAgent(agent: string | null): string {
  if (!agent) return '';
  const browser = [
    ['Edg/', 'Edge'],
    ['OPR/', 'Opera'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Safari/', 'Safari'],
  ].find(([mark]) => agent.includes(mark!))?.[1];
  const system = [
    ['Android', 'Android'],
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Windows', 'Windows'],
    ['Mac OS', 'macOS'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ].find(([mark]) => agent.includes(mark!))?.[1];
  return browser || system ? [browser, system].filter(Boolean).join(' · ') : agent.slice(0, 60);
}

/** The user's active sessions, with a button to end each other one, all others, or all of them. */
export function SessionsSection() {
  const { t } = useTranslation('accounts');
  const format = useFormat();
  const navigate = useNavigate();
  const sessions = useSessions();
  const endOne = useEndSession();
  const endOthers = useEndOtherSessions();
  const everywhere = useSignOutEverywhere();
  const items = sessions.data?.items ?? [];

  return (
    <section aria-labelledby="sessions-title">
      <Title order={2} size="h3" id="sessions-title" mb="xs">
        {t('sessions.title')}
      </Title>
      <Text mb="sm">{t('sessions.intro')}</Text>
      <QueryState isLoading={sessions.isLoading} error={sessions.error}>
        <Stack gap="sm">
          <DataTable<Session>
            caption={t('sessions.caption', { count: items.length })}
            rows={items}
            rowKey={(s) => s.id}
            empty={t('sessions.empty')}
            initialSort={{ key: 'lastSeen', direction: 'desc' }}
            columns={[
              {
                key: 'device',
                label: t('sessions.columns.device'),
                sortValue: (s) => describeAgent(s.userAgent),
                render: (s) => (
                  <Group gap="xs">
                    <span>{describeAgent(s.userAgent) || t('sessions.unknownDevice')}</span>
                    {s.current && <StatusBadge tone="green">{t('sessions.current')}</StatusBadge>}
                  </Group>
                ),
              },
              {
                key: 'method',
                label: t('sessions.columns.method'),
                sortValue: (s) => s.method,
                render: (s) => t(s.method === 'oidc' ? 'sessions.methods.oidc' : 'sessions.methods.password'),
              },
              {
                key: 'address',
                label: t('sessions.columns.address'),
                render: (s) => <span className="ltr-figures">{s.clientAddress ?? ''}</span>,
              },
              {
                key: 'started',
                label: t('sessions.columns.started'),
                sortValue: (s) => s.createdAt,
                render: (s) => format.dateTime(s.createdAt),
              },
              {
                key: 'lastSeen',
                label: t('sessions.columns.lastSeen'),
                sortValue: (s) => s.lastSeenAt,
                render: (s) => format.dateTime(s.lastSeenAt),
              },
              {
                key: 'expires',
                label: t('sessions.columns.expires'),
                sortValue: (s) => s.expiresAt,
                render: (s) => format.dateTime(s.expiresAt),
              },
              {
                key: 'action',
                label: t('columns.actions'),
                render: (s) =>
                  s.current ? null : (
                    <ConfirmButton
                      title={t('sessions.endTitle')}
                      message={t('sessions.endMessage', { date: format.dateTime(s.createdAt) })}
                      confirm={t('sessions.end')}
                      ariaLabel={t('sessions.endNamed', {
                        device: describeAgent(s.userAgent) || t('sessions.unknownDevice'),
                        date: format.dateTime(s.createdAt),
                      })}
                      loading={endOne.isPending && endOne.variables === s.id}
                      onConfirm={() => endOne.mutate(s.id)}
                      size="xs"
                    >
                      {t('sessions.end')}
                    </ConfirmButton>
                  ),
              },
            ]}
          />
          <ErrorAlert error={endOne.error ?? endOthers.error ?? everywhere.error} />
          {endOthers.isSuccess && (
            <Text role="status" fw={600}>
              {t('sessions.endedOthers', { count: endOthers.data.sessionsEnded })}
            </Text>
          )}
          <Group gap="md">
            <ConfirmButton
              title={t('sessions.endOthers')}
              message={t('sessions.endOthersMessage')}
              confirm={t('sessions.endOthers')}
              loading={endOthers.isPending}
              disabled={items.filter((s) => !s.current).length === 0}
              onConfirm={() => endOthers.mutate()}
            >
              {t('sessions.endOthers')}
            </ConfirmButton>
            <ConfirmButton
              title={t('sessions.everywhere')}
              message={t('sessions.everywhereMessage')}
              confirm={t('sessions.everywhere')}
              variant="filled"
              loading={everywhere.isPending}
              onConfirm={() =>
                everywhere.mutate(undefined, {
                  onSuccess: () => void navigate('/sign-in', { state: { signedOut: true } }),
                })
              }
            >
              {t('sessions.everywhere')}
            </ConfirmButton>
          </Group>
        </Stack>
      </QueryState>
    </section>
  );
}
