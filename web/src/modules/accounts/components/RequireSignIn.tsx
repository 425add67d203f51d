import type { ReactNode } from 'react';
import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { useSession } from '../../../lib/api.ts';

/**
 * Shows its content only to a signed-in user (to an administrator with `admin`); anyone else gets a
 * translated explanation: a link to sign in and come back, or "not allowed".
 */
export function RequireSignIn({ admin = false, children }: { admin?: boolean; children: (user: User) => ReactNode }) {
  const { t } = useTranslation('accounts');
  const session = useSession();
  const location = useLocation();
  if (!session.data) return <QueryState isLoading={session.isLoading} error={session.error} />;
  const user = session.data.user;
  if (!user) {
    // The way back without the language: the sign-in page's own address carries the current one.
    const search = new URLSearchParams(location.search);
    search.delete('lang');
    const next = `${location.pathname}${search.size ? `?${search.toString()}` : ''}`;
    return (
      <Stack gap="md" maw={640}>
        <Title order={1}>{t('gate.signInTitle')}</Title>
        <Alert color="un" title={t('gate.signInBody')} role="status">
          <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(next)}`}>
            {t('gate.signInLink')}
          </Anchor>
        </Alert>
      </Stack>
    );
  }
  if (admin && user.role !== 'administrator') {
    return (
      <Stack gap="md" maw={640}>
        <Title order={1}>{t('gate.forbiddenTitle')}</Title>
        <Alert color="yellow" title={t('gate.forbiddenBody')} role="status">
          <Anchor component={Link} to="/account">
            {t('gate.toAccount')}
          </Anchor>
        </Alert>
      </Stack>
    );
  }
  return <>{children(user)}</>;
}
