import type { ReactNode } from 'react';
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { RequireSignIn } from '../../accounts/components/RequireSignIn.tsx';
import { useFundingRights } from '../funding.api.ts';

/** Every page of the programme, in one sub-navigation; funding pages only for the roles that may read them. */
const LINKS = [
  { to: '/programme/activities', ns: 'programme', key: 'nav.activities', funding: false },
  { to: '/programme/matrix', ns: 'programme', key: 'nav.matrix', funding: false },
  { to: '/programme/calendar', ns: 'programme', key: 'nav.calendar', funding: false },
  { to: '/programme/dashboard', ns: 'funding', key: 'nav.dashboard', funding: false },
  { to: '/programme/projects', ns: 'funding', key: 'nav.projects', funding: true },
  { to: '/programme/funding', ns: 'funding', key: 'nav.funding', funding: true },
  { to: '/programme/donors', ns: 'funding', key: 'nav.donors', funding: true },
  { to: '/programme/rates', ns: 'funding', key: 'nav.rates', funding: true },
] as const;

export function ProgrammeLinks() {
  const { t } = useTranslation(['programme', 'funding']);
  const rights = useFundingRights();
  return (
    <Group
      component="nav"
      aria-label={t('nav.label', { ns: 'programme' })}
      gap="md"
      className="admin-subnav no-print"
      wrap="wrap"
    >
      {LINKS.filter((link) => !link.funding || rights.canRead).map((link) => (
        <Anchor key={link.to} component={NavLink} to={link.to} className="admin-subnav-link">
          {t(link.key, { ns: link.ns })}
        </Anchor>
      ))}
    </Group>
  );
}

/**
 * A donor reads only what its donor record's contributions funded (the server filters every list):
 * say so, and say why everything is empty while no administrator has linked the account to a record.
 */
export function DonorScopeNotice({ user }: { user: User }) {
  const { t } = useTranslation('funding');
  if (user.role !== 'donor') return null;
  if (user.donorId === null)
    return (
      <Alert color="yellow" title={t('donorScope.unlinkedTitle')} role="status">
        {t('donorScope.unlinkedBody')}
      </Alert>
    );
  return <Text size="sm">{t('donorScope.linked')}</Text>;
}

/** Every activity page: only for signed-in users, with the sub-navigation between the programme's views. */
export function ProgrammeFrame({ children }: { children: (user: User) => ReactNode }) {
  return (
    <RequireSignIn>
      {(user) => (
        <Stack gap="lg">
          <ProgrammeLinks />
          <DonorScopeNotice user={user} />
          {children(user)}
        </Stack>
      )}
    </RequireSignIn>
  );
}
