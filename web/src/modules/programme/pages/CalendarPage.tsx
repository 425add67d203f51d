import { Alert, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { ActivityChip, StatusLegend } from '../components/ActivityStatus.tsx';
import { ProgrammeQueryState } from '../components/Errors.tsx';
import { ProgrammeFrame } from '../components/ProgrammeNav.tsx';
import { useActivities, type Activity } from '../programme.api.ts';
import { addMonths, isMonth, monthBounds, monthOf, useProgrammeFormat } from '../labels.ts';

/** The API's largest page: a month with more activities says so. */
const LIMIT = 200;
const DEFAULTS = { month: monthOf(new Date()) };
/** 1 January 2024 was a Monday: the reference week for the names of the days. */
const MONDAY = Date.UTC(2024, 0, 1);

const pad = (n: number) => String(n).padStart(2, '0');

/** The month as weeks from Monday to Sunday; days of the neighbouring months are null. */
function weeksOf(month: string): (string | null)[][] {
  const { days } = monthBounds(month);
  const offset = (new Date(`${month}-01T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [
    ...Array<null>(offset).fill(null),
    ...Array.from({ length: days }, (_, i) => `${month}-${pad(i + 1)}`),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

const onDay = (activities: Activity[], day: string) =>
  activities.filter((a) => a.startDate.slice(0, 10) <= day && a.endDate.slice(0, 10) >= day);

function MonthGrid({ month, activities }: { month: string; activities: Activity[] }) {
  const { t, i18n } = useTranslation('programme');
  const format = useFormat();
  const names = useProgrammeFormat();
  const today = new Date().toISOString().slice(0, 10);
  const short = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' });
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(MONDAY + i * 86_400_000));
  return (
    <div className="table-scroll">
      <Table withTableBorder withColumnBorders className="calendar-table" layout="fixed">
        <Table.Caption>{t('calendar.caption', { month: names.longMonth(month) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {weekdays.map((day) => (
              <Table.Th scope="col" key={day.getTime()}>
                <span aria-hidden="true">{short.format(day)}</span>
                <span className="visually-hidden">{long.format(day)}</span>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeksOf(month).map((week) => (
            <Table.Tr key={week.find(Boolean) ?? ''}>
              {week.map((day, index) => {
                if (!day) return <Table.Td key={`empty-${index}`} className="calendar-outside" />;
                const items = onDay(activities, day);
                return (
                  <Table.Td
                    key={day}
                    className={day === today ? 'calendar-day calendar-today' : 'calendar-day'}
                    aria-current={day === today ? 'date' : undefined}
                  >
                    <span aria-hidden="true" className="calendar-day-number">
                      {Number(day.slice(8))}
                    </span>
                    <span className="visually-hidden">
                      {format.date(day)}
                      {day === today ? ` · ${t('calendar.today')}` : ''}
                    </span>
                    {items.length > 0 && (
                      <ul className="calendar-entries">
                        {items.map((activity) => (
                          <li key={activity.id}>
                            <ActivityChip activity={activity} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Small screens: the month's activities as a list, in date order. */
function MonthList({ month, activities }: { month: string; activities: Activity[] }) {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  const sorted = [...activities].sort(
    (a, b) => a.startDate.localeCompare(b.startDate) || a.title.localeCompare(b.title),
  );
  return (
    <Stack
      component="ul"
      gap="xs"
      className="calendar-list"
      aria-label={t('calendar.caption', { month: names.longMonth(month) })}
    >
      {sorted.map((activity) => (
        <li key={activity.id}>
          <Text size="sm" fw={600}>
            {names.dateRange(activity.startDate, activity.endDate)}
          </Text>
          <ActivityChip activity={activity} />
          <Text size="sm" c="dimmed">{`${t(`types.${activity.type}`)} · ${activity.organizationName}`}</Text>
        </li>
      ))}
    </Stack>
  );
}

/** /programme/calendar: a month of activities, week by week from Monday. */
export function CalendarPage() {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  const [state, set] = useSearchState(DEFAULTS);
  const month = isMonth(state.month) ? state.month : DEFAULTS.month;
  const { from, to } = monthBounds(month);
  const activities = useActivities({ from, to, sort: 'startDate', limit: LIMIT, offset: 0 });
  const data = activities.data;
  const items = data?.items ?? [];

  return (
    <ProgrammeFrame>
      {() => (
        <>
          <div>
            <Title order={1}>{t('calendar.title')}</Title>
            <Text mt="xs" maw={760}>
              {t('calendar.intro')}
            </Text>
          </div>
          <Group justify="space-between" align="center" wrap="wrap">
            <Title order={2} size="h3" aria-live="polite">
              {names.longMonth(month)}
            </Title>
            <Group gap="xs">
              <Button variant="default" onClick={() => set('month', addMonths(month, -1))}>
                {t('calendar.previous')}
              </Button>
              {month !== DEFAULTS.month && (
                <Button variant="subtle" onClick={() => set('month', DEFAULTS.month)}>
                  {t('calendar.current')}
                </Button>
              )}
              <Button variant="default" onClick={() => set('month', addMonths(month, 1))}>
                {t('calendar.next')}
              </Button>
            </Group>
          </Group>
          <StatusLegend />
          <ProgrammeQueryState isLoading={activities.isLoading} error={activities.error}>
            {data && (
              <>
                {data.total > items.length && (
                  <Alert
                    color="yellow"
                    role="status"
                    title={t('calendar.truncated', { shown: items.length, total: data.total })}
                  />
                )}
                {items.length === 0 && (
                  <Text role="status">{t('calendar.empty', { month: names.longMonth(month) })}</Text>
                )}
                <Box visibleFrom="sm">
                  <MonthGrid month={month} activities={items} />
                </Box>
                {items.length > 0 && (
                  <Box hiddenFrom="sm">
                    <MonthList month={month} activities={items} />
                  </Box>
                )}
              </>
            )}
          </ProgrammeQueryState>
        </>
      )}
    </ProgrammeFrame>
  );
}
