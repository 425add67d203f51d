import { Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES } from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';

/*
 * A status is never told by colour alone: each has a symbol (shown, and explained in the legend) and its
 * word (visible on badges, read out by screen readers on links); postponed and cancelled ones are struck through.
 */
const MARKS: Record<string, string> = { planned: '○', confirmed: '◐', delivered: '●', postponed: '↷', cancelled: '✕' };
const BADGE: Record<string, { color: string; variant: 'light' | 'outline' | 'filled' }> = {
  planned: { color: 'un', variant: 'outline' },
  confirmed: { color: 'un', variant: 'light' },
  delivered: { color: '#1b5e20', variant: 'filled' },
  postponed: { color: 'gray.8', variant: 'outline' },
  cancelled: { color: 'red.9', variant: 'outline' },
};

export const statusMark = (status: string) => MARKS[status] ?? '·';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('programme');
  const style = BADGE[status] ?? { color: 'gray', variant: 'outline' as const };
  return (
    <Badge color={style.color} variant={style.variant} className={`activity-badge activity-${status}`}>
      <span aria-hidden="true">{statusMark(status)} </span>
      {t(`statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** What the symbols and styles of the matrix and the calendar mean. */
export function StatusLegend() {
  const { t } = useTranslation('programme');
  return (
    <Group gap="md" wrap="wrap" component="ul" aria-label={t('legend.label')} className="activity-legend">
      {ACTIVITY_STATUSES.map((status) => (
        <Text key={status} size="sm" component="li" className={`activity-entry activity-${status}`}>
          <span aria-hidden="true" className="activity-mark">
            {statusMark(status)}
          </span>
          <span className="activity-entry-text">{t(`statuses.${status}`)}</span>
        </Text>
      ))}
    </Group>
  );
}

/** One activity as a small link: its mark, its title, and (for screen readers) its status, organiser and dates. */
export function ActivityChip({
  activity,
}: {
  activity: { id: string; title: string; status: string; startDate: string; endDate: string; organizationName: string };
}) {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  const status = t(`statuses.${activity.status}`, { defaultValue: activity.status });
  const details = t('chip.details', {
    status,
    organization: activity.organizationName,
    dates: names.dateRange(activity.startDate, activity.endDate),
  });
  return (
    <Link
      to={`/programme/activities/${activity.id}`}
      className={`activity-entry activity-${activity.status}`}
      title={`${activity.title} · ${details}`}
    >
      <span aria-hidden="true" className="activity-mark">
        {statusMark(activity.status)}
      </span>
      <span className="activity-entry-text">{activity.title}</span>
      <span className="visually-hidden">{` (${details})`}</span>
    </Link>
  );
}
