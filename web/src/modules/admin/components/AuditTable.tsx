import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../../../../src/contracts/accounts.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { isolate, useFormat } from '../../../lib/format.ts';
import type { useAudit } from '../admin.api.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Fields every change touches: not worth listing. */
const NOISE = new Set(['updatedAt']);

const asObject = (value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

function short(value: unknown, t: T): string {
  if (value === null || value === undefined || value === '') return t('audit.none');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** What a record changed: the fields that differ between before and after, then the full data on demand. */
function Changes({ record }: { record: AuditRecord }) {
  const { t } = useTranslation('accounts');
  const before = asObject(record.before);
  const after = asObject(record.after);
  const changed =
    before && after
      ? [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
          (key) => !NOISE.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
        )
      : [];
  const hasData =
    (record.before !== null && record.before !== undefined) || (record.after !== null && record.after !== undefined);
  if (!hasData) return null;
  return (
    <Stack gap={4}>
      {changed.length > 0 && (
        <ul className="audit-changes">
          {changed.map((key) => (
            <li key={key}>
              {t('audit.change', {
                field: isolate(key),
                before: isolate(short(before![key], t)),
                after: isolate(short(after![key], t)),
              })}
            </li>
          ))}
        </ul>
      )}
      <details className="audit-details">
        <summary>{t('audit.showData')}</summary>
        {record.before !== null && record.before !== undefined && (
          <>
            <Text size="xs" fw={700} mt={4}>
              {t('audit.before')}
            </Text>
            <pre className="code-block">{JSON.stringify(record.before, null, 2)}</pre>
          </>
        )}
        {record.after !== null && record.after !== undefined && (
          <>
            <Text size="xs" fw={700} mt={4}>
              {t('audit.after')}
            </Text>
            <pre className="code-block">{JSON.stringify(record.after, null, 2)}</pre>
          </>
        )}
      </details>
    </Stack>
  );
}

export const actionLabel = (t: T, action: string) =>
  t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
export const entityTypeLabel = (t: T, type: string) => t(`audit.entityTypes.${type}`, { defaultValue: type });

/** A page of the audit trail with its "Show more" button; `showEntity` false for the history of one record. */
export function AuditTable({
  audit,
  caption,
  showEntity = true,
}: {
  audit: ReturnType<typeof useAudit>;
  caption: string;
  showEntity?: boolean;
}) {
  const { t } = useTranslation('accounts');
  const format = useFormat();
  const items = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = showEntity ? 5 : 4;

  return (
    <QueryState isLoading={audit.isLoading} error={audit.error}>
      <div className="table-scroll">
        <Table striped withTableBorder>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.columns.at')}</Table.Th>
              <Table.Th>{t('audit.columns.actor')}</Table.Th>
              <Table.Th>{t('audit.columns.action')}</Table.Th>
              {showEntity && <Table.Th>{t('audit.columns.entity')}</Table.Th>}
              <Table.Th>{t('audit.columns.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns}>
                  <Text c="dimmed">{t('audit.empty')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((record) => (
              <Table.Tr key={record.id}>
                <Table.Td className="nowrap">{format.dateTime(record.at)}</Table.Td>
                <Table.Td className="break-anywhere">
                  {record.actorUserId ? (
                    <Anchor component={Link} to={`/admin/users/${record.actorUserId}`}>
                      {record.actorLabel}
                    </Anchor>
                  ) : (
                    record.actorLabel
                  )}
                  {record.clientAddress && (
                    <Text size="xs" c="dimmed" className="ltr-figures">
                      {record.clientAddress}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{actionLabel(t, record.action)}</Table.Td>
                {showEntity && (
                  <Table.Td className="break-anywhere">
                    <Text size="sm">{entityTypeLabel(t, record.entityType)}</Text>
                    {record.entityId && (
                      <Anchor
                        component={Link}
                        size="xs"
                        className="ltr-figures"
                        to={
                          record.entityType === 'user'
                            ? `/admin/users/${record.entityId}`
                            : `/admin/audit?entityType=${encodeURIComponent(record.entityType)}&entityId=${encodeURIComponent(record.entityId)}`
                        }
                      >
                        {record.entityId}
                      </Anchor>
                    )}
                  </Table.Td>
                )}
                <Table.Td className="audit-changes-cell">
                  <Changes record={record} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {audit.hasNextPage && (
        <Button variant="light" mt="sm" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
          {t('audit.more')}
        </Button>
      )}
    </QueryState>
  );
}
