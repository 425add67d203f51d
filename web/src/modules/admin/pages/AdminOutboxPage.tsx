import { NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { StatusBadge, type Tone } from '../../accounts/components/StatusBadge.tsx';
import { useOutbox } from '../admin.api.ts';
import { AdminFrame } from '../components/AdminFrame.tsx';

const FILTER_DEFAULTS = { limit: '100' };
const LIMITS = ['25', '100', '500'];
const TONES: Record<string, Tone> = { queued: 'yellow', sent: 'green', failed: 'red' };

function Outbox() {
  const { t } = useTranslation('accounts');
  const format = useFormat();
  const [filter, set] = useSearchState(FILTER_DEFAULTS);
  const limit = LIMITS.includes(filter.limit) ? Number(filter.limit) : 100;
  const outbox = useOutbox(limit);
  const items = outbox.data?.items ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('outbox.title')}</Title>
        <Text mt="xs">{t('outbox.intro')}</Text>
      </div>
      <NativeSelect
        label={t('outbox.limit')}
        value={String(limit)}
        className="field"
        onChange={(event) => set('limit', event.currentTarget.value)}
        data={LIMITS.map((value) => ({ value, label: t('outbox.latest', { count: Number(value) }) }))}
      />
      <QueryState isLoading={outbox.isLoading} error={outbox.error}>
        <div className="table-scroll">
          <Table striped withTableBorder verticalSpacing="sm">
            <Table.Caption>{t('outbox.caption', { count: items.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outbox.columns.created')}</Table.Th>
                <Table.Th>{t('outbox.columns.to')}</Table.Th>
                <Table.Th>{t('outbox.columns.status')}</Table.Th>
                <Table.Th>{t('outbox.columns.message')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('outbox.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((mail) => (
                <Table.Tr key={mail.id}>
                  <Table.Td className="nowrap">{format.dateTime(mail.createdAt)}</Table.Td>
                  <Table.Td className="break-anywhere">
                    <span className="ltr-figures">{mail.to}</span>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge tone={TONES[mail.status] ?? 'gray'}>
                      {t(`outbox.statuses.${mail.status}`, { defaultValue: mail.status })}
                    </StatusBadge>
                    {mail.sentAt && (
                      <Text size="xs" mt={4}>
                        {t('outbox.sentAt', { date: format.dateTime(mail.sentAt) })}
                      </Text>
                    )}
                    {mail.error && (
                      <Text size="xs" mt={4} className="break-anywhere">
                        {mail.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="mail-cell">
                    <Text fw={700} size="sm">
                      {mail.subject}
                    </Text>
                    <pre className="code-block mail-body">{mail.body}</pre>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </QueryState>
    </Stack>
  );
}

/** /admin/outbox: mail waiting because no SMTP server is configured (invitation and reset links). */
export function AdminOutboxPage() {
  return <AdminFrame>{() => <Outbox />}</AdminFrame>;
}
