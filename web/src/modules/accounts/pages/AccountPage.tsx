import { Anchor, Divider, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../../components/QueryState.tsx';
import { useAccount } from '../accounts.api.ts';
import { PasswordSection } from '../components/PasswordSection.tsx';
import { ProfileSection } from '../components/ProfileSection.tsx';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { SessionsSection } from '../components/SessionsSection.tsx';
import { TokensSection } from '../components/TokensSection.tsx';

function Account() {
  const { t } = useTranslation('accounts');
  const account = useAccount();
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('account.title')}</Title>
        <Text mt="xs">{t('account.intro')}</Text>
        {account.data?.role === 'administrator' && (
          <Anchor component={Link} to="/admin/users" mt="xs" display="inline-block">
            {t('account.toAdministration')}
          </Anchor>
        )}
      </div>
      <QueryState isLoading={account.isLoading} error={account.error}>
        {account.data && (
          <Paper withBorder p="md" radius="md">
            <Stack gap="xl">
              <ProfileSection key={account.data.id} user={account.data} />
              <Divider />
              <PasswordSection />
            </Stack>
          </Paper>
        )}
      </QueryState>
      <Paper withBorder p="md" radius="md">
        <SessionsSection />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <TokensSection />
      </Paper>
    </Stack>
  );
}

/** /account: profile and language, password, active sessions, API tokens. */
export function AccountPage() {
  return <RequireSignIn>{() => <Account />}</RequireSignIn>;
}
