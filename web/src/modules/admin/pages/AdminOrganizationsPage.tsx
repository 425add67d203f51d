import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../../src/contracts/accounts.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import { ErrorAlert } from '../../accounts/components/ErrorAlert.tsx';
import { StatusBadge } from '../../accounts/components/StatusBadge.tsx';
import { serverFieldErrors } from '../../accounts/forms.ts';
import {
  ORGANIZATION_KINDS,
  useCreateOrganization,
  useDeleteOrganization,
  useOrganizations,
  useRestoreOrganization,
  type OrganizationKind,
} from '../admin.api.ts';
import { AdminFrame } from '../components/AdminFrame.tsx';

const FILTER_DEFAULTS = { deleted: '' };

function AddOrganization() {
  const { t } = useTranslation('accounts');
  const { t: tCommon } = useTranslation('common');
  const create = useCreateOrganization();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('partner');
  const [invalid, setInvalid] = useState(false);
  const server = create.isPending ? {} : serverFieldErrors(create.error, tCommon, {}, t('form.invalid'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const bad = name.trim().length < 2;
    setInvalid(bad);
    if (!bad) create.mutate({ name: name.trim(), kind }, { onSuccess: () => setName('') });
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="add-organization-title"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="add-organization-title">
          {t('organizations.addTitle')}
        </Title>
        <Group align="start" gap="md" wrap="wrap">
          <TextInput
            label={t('fields.name')}
            required
            value={name}
            maxLength={200}
            className="field-wide"
            onChange={(event) => setName(event.currentTarget.value)}
            error={invalid ? t('organizations.nameInvalid') : server.name}
          />
          <NativeSelect
            label={t('fields.kind')}
            value={kind}
            className="field"
            onChange={(event) => setKind(event.currentTarget.value as OrganizationKind)}
            data={ORGANIZATION_KINDS.map((value) => ({ value, label: t(`organizations.kinds.${value}`) }))}
          />
        </Group>
        <ErrorAlert error={create.error} shownFields={['name']} />
        {create.isSuccess && (
          <Text role="status" fw={600}>
            {t('organizations.added', { name: create.data.name })}
          </Text>
        )}
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('organizations.add')}
        </Button>
      </Stack>
    </Paper>
  );
}

function Organizations() {
  const { t } = useTranslation('accounts');
  const format = useFormat();
  const [filter, set] = useSearchState(FILTER_DEFAULTS);
  const organizations = useOrganizations(filter.deleted === 'true');
  const remove = useDeleteOrganization();
  const restore = useRestoreOrganization();
  const rows = organizations.data?.items ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('organizations.title')}</Title>
        <Text mt="xs">{t('organizations.intro')}</Text>
      </div>
      <AddOrganization />
      <Checkbox
        label={t('organizations.includeDeleted')}
        checked={filter.deleted === 'true'}
        onChange={(event) => set('deleted', event.currentTarget.checked ? 'true' : '')}
      />
      <ErrorAlert error={remove.error ?? restore.error} />
      <QueryState isLoading={organizations.isLoading} error={organizations.error}>
        <DataTable<Organization>
          caption={t('organizations.caption', { count: rows.length })}
          rows={rows}
          rowKey={(o) => o.id}
          empty={t('organizations.empty')}
          initialSort={{ key: 'name', direction: 'asc' }}
          columns={[
            { key: 'name', label: t('fields.name'), sortValue: (o) => o.name, render: (o) => o.name },
            {
              key: 'kind',
              label: t('fields.kind'),
              sortValue: (o) => t(`organizations.kinds.${o.kind}`),
              render: (o) => t(`organizations.kinds.${o.kind}`),
            },
            {
              key: 'created',
              label: t('organizations.created'),
              sortValue: (o) => o.createdAt,
              render: (o) => format.date(o.createdAt),
            },
            {
              key: 'status',
              label: t('fields.status'),
              sortValue: (o) => (o.deletedAt ? 1 : 0),
              render: (o) =>
                o.deletedAt ? (
                  <StatusBadge tone="red">{t('statuses.deleted')}</StatusBadge>
                ) : (
                  <StatusBadge tone="green">{t('statuses.active')}</StatusBadge>
                ),
            },
            {
              key: 'action',
              label: t('columns.actions'),
              render: (o) =>
                o.deletedAt ? (
                  <Button
                    size="xs"
                    variant="light"
                    loading={restore.isPending && restore.variables === o.id}
                    onClick={() => restore.mutate(o.id)}
                    aria-label={t('organizations.restoreNamed', { name: o.name })}
                  >
                    {t('organizations.restore')}
                  </Button>
                ) : (
                  <ConfirmButton
                    title={t('organizations.deleteTitle')}
                    message={t('organizations.deleteMessage', { name: o.name })}
                    confirm={t('organizations.delete')}
                    size="xs"
                    ariaLabel={t('organizations.deleteNamed', { name: o.name })}
                    loading={remove.isPending && remove.variables === o.id}
                    onConfirm={() => remove.mutate(o.id)}
                  >
                    {t('organizations.delete')}
                  </ConfirmButton>
                ),
            },
          ]}
        />
      </QueryState>
    </Stack>
  );
}

/** /admin/organizations: the organisations users belong to. */
export function AdminOrganizationsPage() {
  return <AdminFrame>{() => <Organizations />}</AdminFrame>;
}
