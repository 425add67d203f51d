import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { useFormat } from '../../../lib/format.ts';
import { ConfirmButton } from '../../accounts/components/ConfirmButton.tsx';
import { ErrorAlert } from '../../accounts/components/ErrorAlert.tsx';
import { useAudit, useDeleteUser, useResendInvitation, useRestoreUser, useUpdateUser, useUser } from '../admin.api.ts';
import { AdminFrame } from '../components/AdminFrame.tsx';
import { AuditTable } from '../components/AuditTable.tsx';
import { useScopeNames } from '../components/ScopeFields.tsx';
import { UserForm } from '../components/UserForm.tsx';
import { UserStatus } from '../components/UserStatus.tsx';
import { Fact } from '../../../components/Fact.tsx';

/** Status actions: resend the invitation, disable or enable, delete or restore. */
function Actions({ user, self }: { user: User; self: boolean }) {
  const { t } = useTranslation('accounts');
  const navigate = useNavigate();
  const update = useUpdateUser(user.id);
  const resend = useResendInvitation(user.id);
  const remove = useDeleteUser(user.id);
  const restore = useRestoreUser(user.id);
  const error = update.error ?? resend.error ?? remove.error ?? restore.error;

  return (
    <section aria-labelledby="status-title">
      <Title order={2} size="h3" id="status-title" mb="xs">
        {t('user.statusTitle')}
      </Title>
      <Text mb="sm">{user.deletedAt ? t('user.statusDeleted') : t(`user.statusText.${user.status}`)}</Text>
      {self && (
        <Text size="sm" mb="sm">
          {t('user.selfNote')}
        </Text>
      )}
      <Stack gap="sm">
        <Group gap="md" wrap="wrap">
          {!user.deletedAt && user.status === 'invited' && (
            <Button variant="light" loading={resend.isPending} onClick={() => resend.mutate(undefined)}>
              {t('user.resend')}
            </Button>
          )}
          {!user.deletedAt && user.status === 'active' && !self && (
            <ConfirmButton
              title={t('user.disableTitle')}
              message={t('user.disableMessage', { name: user.displayName })}
              confirm={t('user.disable')}
              loading={update.isPending}
              onConfirm={() => update.mutate({ status: 'disabled' })}
            >
              {t('user.disable')}
            </ConfirmButton>
          )}
          {!user.deletedAt && user.status === 'disabled' && (
            <Button variant="light" loading={update.isPending} onClick={() => update.mutate({ status: 'active' })}>
              {t('user.enable')}
            </Button>
          )}
          {!user.deletedAt && !self && (
            <ConfirmButton
              title={t('user.deleteTitle')}
              message={t('user.deleteMessage', { name: user.displayName })}
              confirm={t('user.delete')}
              loading={remove.isPending}
              onConfirm={() => remove.mutate(undefined)}
            >
              {t('user.delete')}
            </ConfirmButton>
          )}
          {user.deletedAt && (
            <Button variant="light" loading={restore.isPending} onClick={() => restore.mutate(undefined)}>
              {t('user.restore')}
            </Button>
          )}
          <Button variant="subtle" onClick={() => void navigate('/admin/users')}>
            {t('user.backToList')}
          </Button>
        </Group>
        {resend.isSuccess && (
          <Alert color="green" role="status" title={t('user.resent')}>
            <Text size="sm">{t('users.invitedOutbox')}</Text>
            <Anchor component={Link} to="/admin/outbox" size="sm">
              {t('users.openOutbox')}
            </Anchor>
          </Alert>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </section>
  );
}

function UserDetail({ id, me }: { id: string; me: User }) {
  const { t } = useTranslation('accounts');
  const format = useFormat();
  const user = useUser(id);
  const update = useUpdateUser(id);
  const history = useAudit({ entityType: 'user', entityId: id }, user.isSuccess);
  const scopeName = useScopeNames();
  const u = user.data;
  const self = u?.id === me.id;

  return (
    <Stack gap="lg">
      <Text size="sm">
        <Anchor component={Link} to="/admin/users">
          {t('admin.nav.users')}
        </Anchor>
      </Text>
      <QueryState isLoading={user.isLoading} error={user.error}>
        {u && (
          <>
            <div>
              <Title order={1}>{u.displayName}</Title>
              <Text mt="xs" className="ltr-figures">
                {u.email}
              </Text>
            </div>
            <Paper withBorder p="md" radius="md">
              <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="dl" m={0}>
                <Fact label={t('fields.status')}>
                  <UserStatus user={u} />
                </Fact>
                <Fact label={t('fields.role')}>{t(`roles.${u.role}`)}</Fact>
                <Fact label={t('scope.title')}>{scopeName(u) || t('audit.none')}</Fact>
                <Fact label={t('users.lastSignIn')}>
                  {u.lastSignInAt ? format.dateTime(u.lastSignInAt) : t('users.never')}
                </Fact>
                <Fact label={t('user.created')}>{format.dateTime(u.createdAt)}</Fact>
                <Fact label={t('user.updated')}>{format.dateTime(u.updatedAt)}</Fact>
                {u.deletedAt && <Fact label={t('user.deleted')}>{format.dateTime(u.deletedAt)}</Fact>}
              </SimpleGrid>
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="edit-title">
              <Title order={2} size="h3" id="edit-title" mb="xs">
                {t('user.editTitle')}
              </Title>
              {u.deletedAt && <Text mb="sm">{t('user.restoreToEdit')}</Text>}
              <UserForm
                key={u.updatedAt}
                initial={{
                  email: u.email,
                  displayName: u.displayName,
                  role: u.role,
                  participantId: u.participantId,
                  organizationId: u.organizationId,
                  donorId: u.donorId,
                  preferredLanguage: u.preferredLanguage,
                }}
                withEmail={false}
                roleLocked={self}
                disabled={u.deletedAt !== null}
                submitLabel={t('user.save')}
                pending={update.isPending}
                error={update.error}
                onSubmit={({ email: _email, role, ...changes }) => update.mutate(self ? changes : { ...changes, role })}
                after={
                  update.isSuccess ? (
                    <Text role="status" fw={600}>
                      {t('profile.saved')}
                    </Text>
                  ) : null
                }
              />
            </Paper>
            <Paper withBorder p="md" radius="md">
              <Actions user={u} self={self} />
            </Paper>
            <section aria-labelledby="history-title">
              <Title order={2} size="h3" id="history-title" mb="xs">
                {t('user.historyTitle')}
              </Title>
              <AuditTable
                audit={history}
                caption={t('user.historyCaption', { name: u.displayName })}
                showEntity={false}
              />
            </section>
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** /admin/users/:id: change a user, their status, and read their history. */
export function AdminUserPage() {
  const { id = '' } = useParams();
  return <AdminFrame>{(me) => <UserDetail id={id} me={me} />}</AdminFrame>;
}
