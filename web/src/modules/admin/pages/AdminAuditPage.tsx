import { Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, useAudit } from '../admin.api.ts';
import { AdminFrame } from '../components/AdminFrame.tsx';
import { AuditTable, actionLabel, entityTypeLabel } from '../components/AuditTable.tsx';

const FILTER_DEFAULTS = { action: '', entityType: '', entityId: '', from: '', to: '' };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Known values first; a value from the address that is not among them still shows, so it can be cleared. */
const withCurrent = (values: readonly string[], current: string) =>
  current && !values.includes(current) ? [...values, current] : [...values];

function Audit() {
  const { t } = useTranslation('accounts');
  const [filter, set] = useSearchState(FILTER_DEFAULTS);
  const [entityId] = useDebouncedValue(filter.entityId.trim(), 300);
  const from = ISO_DATE.test(filter.from) ? filter.from : '';
  const to = ISO_DATE.test(filter.to) ? filter.to : '';
  const audit = useAudit({ action: filter.action, entityType: filter.entityType, entityId, from, to });
  const filtered = Object.values(filter).some(Boolean);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('audit.title')}</Title>
        <Text mt="xs">{t('audit.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap" role="search" aria-label={t('audit.filters')}>
        <NativeSelect
          label={t('audit.columns.action')}
          value={filter.action}
          className="field-wide"
          onChange={(event) => set('action', event.currentTarget.value)}
          data={[
            { value: '', label: t('audit.allActions') },
            ...withCurrent(AUDIT_ACTIONS, filter.action).map((value) => ({ value, label: actionLabel(t, value) })),
          ]}
        />
        <NativeSelect
          label={t('audit.entityType')}
          value={filter.entityType}
          className="field"
          onChange={(event) => set('entityType', event.currentTarget.value)}
          data={[
            { value: '', label: t('audit.allEntityTypes') },
            ...withCurrent(AUDIT_ENTITY_TYPES, filter.entityType).map((value) => ({
              value,
              label: entityTypeLabel(t, value),
            })),
          ]}
        />
        <TextInput
          label={t('audit.entityId')}
          value={filter.entityId}
          className="field"
          onChange={(event) => set('entityId', event.currentTarget.value)}
          classNames={{ input: 'ltr-figures' }}
        />
        <TextInput
          type="date"
          label={t('audit.from')}
          value={filter.from}
          className="field-date"
          onChange={(event) => set('from', event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={filter.to}
          className="field-date"
          onChange={(event) => set('to', event.currentTarget.value)}
        />
        {filtered && (
          <Button component={Link} to="/admin/audit" replace variant="subtle">
            {t('audit.clear')}
          </Button>
        )}
      </Group>
      <AuditTable audit={audit} caption={filtered ? t('audit.captionFiltered') : t('audit.caption')} />
    </Stack>
  );
}

/** /admin/audit: the audit trail, filtered; the filters are kept in the address. */
export function AdminAuditPage() {
  return <AdminFrame>{() => <Audit />}</AdminFrame>;
}
