import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Collapse,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { currentLanguage } from '../../../i18n/index.ts';
import { isolate, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { ROLES, useInviteUser, useUsers, type UserInput } from '../admin.api.ts';
import { AdminFrame } from '../components/AdminFrame.tsx';
import { useScopeNames } from '../components/ScopeFields.tsx';
import { UserForm } from '../components/UserForm.tsx';
import { UserStatus } from '../components/UserStatus.tsx';

const STATUSES = ['invited', 'active', 'disabled'] as const;
const FILTER_DEFAULTS = { status: '', role: '', q: '', deleted: '' };

function InviteUser() {
  const { t } = useTranslation('accounts');
  const invite = useInviteUser();
  const [opened, setOpened] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const blank: UserInput = {
    email: '',
    displayName: '',
    role: 'partner',
    participantId: null,
    organizationId: null,
    donorId: null,
    preferredLanguage: currentLanguage(),
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="invite-title">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Title order={2} size="h3" id="invite-title">
          {t('users.inviteTitle')}
        </Title>
        <Button
          variant={opened ? 'default' : 'filled'}
          onClick={() => setOpened((o) => !o)}
          aria-expanded={opened}
          aria-controls="invite-form"
        >
          {opened ? t('users.inviteClose') : t('users.inviteOpen')}
        </Button>
      </Group>
      {invite.isSuccess && (
        <Alert color="green" role="status" title={t('users.invited', { email: isolate(invite.data.email) })} mt="md">
          <Text size="sm">{t('users.invitedOutbox')}</Text>
          <Anchor component={Link} to="/admin/outbox" size="sm">
            {t('users.openOutbox')}
          </Anchor>
        </Alert>
      )}
      <Collapse expanded={opened} id="invite-form">
        <Text size="sm" my="sm">
          {t('users.inviteIntro')}
        </Text>
        <UserForm
          key={formKey}
          initial={blank}
          withEmail
          submitLabel={t('users.inviteSubmit')}
          pending={invite.isPending}
          error={invite.error}
          onSubmit={(input) =>
            invite.mutate(input, {
              onSuccess: () => {
                setFormKey((k) => k + 1);
                setOpened(false);
              },
            })
          }
        />
      </Collapse>
    </Paper>
  );
}

function Users() {
  const { t } = useTranslation('accounts');
  const format = useFormat();
  const [filter, set] = useSearchState(FILTER_DEFAULTS);
  const [q] = useDebouncedValue(filter.q, 300);
  const users = useUsers({
    status: filter.status,
    role: filter.role,
    q: q.trim(),
    includeDeleted: filter.deleted === 'true',
  });
  const scopeName = useScopeNames();
  const rows = users.data?.items ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('users.title')}</Title>
        <Text mt="xs">{t('users.intro')}</Text>
      </div>
      <InviteUser />
      <Group align="end" gap="md" wrap="wrap">
        <NativeSelect
          label={t('fields.status')}
          value={filter.status}
          onChange={(event) => set('status', event.currentTarget.value)}
          className="field"
          data={[
            { value: '', label: t('users.allStatuses') },
            ...STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) })),
          ]}
        />
        <NativeSelect
          label={t('fields.role')}
          value={filter.role}
          onChange={(event) => set('role', event.currentTarget.value)}
          className="field"
          data={[
            { value: '', label: t('users.allRoles') },
            ...ROLES.map((value) => ({ value, label: t(`roles.${value}`) })),
          ]}
        />
        <TextInput
          label={t('users.search')}
          description={t('users.searchHint')}
          type="search"
          value={filter.q}
          onChange={(event) => set('q', event.currentTarget.value)}
          className="field"
        />
        <Checkbox
          label={t('users.includeDeleted')}
          checked={filter.deleted === 'true'}
          onChange={(event) => set('deleted', event.currentTarget.checked ? 'true' : '')}
          mb={8}
        />
      </Group>
      <QueryState isLoading={users.isLoading} error={users.error}>
        <DataTable<User>
          caption={t('users.caption', { count: rows.length })}
          rows={rows}
          rowKey={(user) => user.id}
          empty={t('users.empty')}
          initialSort={{ key: 'name', direction: 'asc' }}
          columns={[
            {
              key: 'name',
              label: t('fields.displayName'),
              sortValue: (user) => user.displayName,
              render: (user) => (
                <Anchor component={Link} to={`/admin/users/${user.id}`}>
                  {user.displayName}
                </Anchor>
              ),
            },
            {
              key: 'email',
              label: t('fields.email'),
              sortValue: (user) => user.email,
              render: (user) => <span className="ltr-figures">{user.email}</span>,
            },
            {
              key: 'role',
              label: t('fields.role'),
              sortValue: (user) => t(`roles.${user.role}`),
              render: (user) => t(`roles.${user.role}`),
            },
            {
              key: 'scope',
              label: t('scope.title'),
              sortValue: (user) => scopeName(user),
              render: (user) => scopeName(user),
            },
            {
              key: 'status',
              label: t('fields.status'),
              sortValue: (user) => (user.deletedAt ? 'deleted' : user.status),
              render: (user) => <UserStatus user={user} />,
            },
            {
              key: 'lastSignIn',
              label: t('users.lastSignIn'),
              sortValue: (user) => user.lastSignInAt,
              render: (user) => (user.lastSignInAt ? format.dateTime(user.lastSignInAt) : t('users.never')),
            },
          ]}
        />
      </QueryState>
    </Stack>
  );
}

/** /admin/users: find users, invite one. */
export function AdminUsersPage() {
  return <AdminFrame>{() => <Users />}</AdminFrame>;
}
