import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../src/contracts/accounts.ts';
import { StatusBadge, type Tone } from '../../accounts/components/StatusBadge.tsx';

const TONES: Record<User['status'], Tone> = { invited: 'blue', active: 'green', disabled: 'gray' };

/** A user's status as a badge; a deleted user shows as deleted, whatever the status was. */
export function UserStatus({ user }: { user: Pick<User, 'status' | 'deletedAt'> }) {
  const { t } = useTranslation('accounts');
  if (user.deletedAt) return <StatusBadge tone="red">{t('statuses.deleted')}</StatusBadge>;
  return <StatusBadge tone={TONES[user.status]}>{t(`statuses.${user.status}`)}</StatusBadge>;
}
