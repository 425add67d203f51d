import type { ReactNode } from 'react';
import { Anchor, Group, Stack } from '@mantine/core';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { RequireSignIn } from '../../accounts/components/RequireSignIn.tsx';

const LINKS = [
  { to: '/admin/users', key: 'admin.nav.users' },
  { to: '/admin/organizations', key: 'admin.nav.organizations' },
  { to: '/admin/outbox', key: 'admin.nav.outbox' },
  { to: '/admin/audit', key: 'admin.nav.audit' },
] as const;

/** Every administration page: only for administrators, with the sub-navigation between them. */
export function AdminFrame({ children }: { children: (user: User) => ReactNode }) {
  const { t } = useTranslation('accounts');
  return (
    <RequireSignIn admin>
      {(user) => (
        <Stack gap="lg">
          <Group component="nav" aria-label={t('admin.nav.label')} gap="md" className="admin-subnav" wrap="wrap">
            {LINKS.map((link) => (
              <Anchor key={link.to} component={NavLink} to={link.to} className="admin-subnav-link">
                {t(link.key)}
              </Anchor>
            ))}
          </Group>
          {children(user)}
        </Stack>
      )}
    </RequireSignIn>
  );
}
