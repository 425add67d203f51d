import { Alert, Anchor, Button, Group, Pagination, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ExportLinks } from '../../../components/ExportLinks.tsx';
import { currentSearchParams, useSearchState } from '../../../lib/useSearchState.ts';
import { ActivityFilters, FILTER_KEYS, type FilterKey } from '../components/ActivityFilters.tsx';
import { StatusBadge } from '../components/ActivityStatus.tsx';
import { ProgrammeQueryState } from '../components/Errors.tsx';
import { ProgrammeFrame } from '../components/ProgrammeNav.tsx';
import { useActivities, useCanWriteActivities, type Activity } from '../programme.api.ts';
import { useProgrammeFormat } from '../labels.ts';

const PAGE_SIZE = 50;
/** Countries named in a row before "and N others". */
const SHOWN_COUNTRIES = 3;

const DEFAULTS = {
  from: '',
  to: '',
  country: '',
  type: '',
  status: '',
  theme: '',
  organization: '',
  sort: '-startDate',
  page: '1',
};
type Key = keyof typeof DEFAULTS;

/** A column header that asks the server for another order (the API sorts by title, or by start date either way). */
function SortHeader({
  label,
  sort,
  ascending,
  descending,
  onSort,
}: {
  label: string;
  sort: string;
  ascending: string;
  descending?: string;
  onSort: (sort: string) => void;
}) {
  const { t } = useTranslation();
  const direction = sort === ascending ? 'ascending' : sort === descending ? 'descending' : undefined;
  const next = direction === 'ascending' && descending ? descending : ascending;
  return (
    <Table.Th scope="col" aria-sort={direction}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ⇅'}</span>
        <VisuallyHidden>{t('table.sortBy')}</VisuallyHidden>
      </button>
    </Table.Th>
  );
}

function ActivityRow({ activity }: { activity: Activity }) {
  const { t } = useTranslation('programme');
  const names = useProgrammeFormat();
  const countries = activity.countries.map((c) => names.country(c.id, c.name));
  const shown = countries.slice(0, SHOWN_COUNTRIES);
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/programme/activities/${activity.id}`}>
          {activity.title}
        </Anchor>
      </Table.Td>
      <Table.Td className="nowrap">{names.dateRange(activity.startDate, activity.endDate)}</Table.Td>
      <Table.Td>{t(`types.${activity.type}`)}</Table.Td>
      <Table.Td>
        <StatusBadge status={activity.status} />
      </Table.Td>
      <Table.Td>
        {countries.length > SHOWN_COUNTRIES
          ? t('activities.moreCountries', { countries: names.items(shown), count: countries.length - SHOWN_COUNTRIES })
          : names.list(countries)}
      </Table.Td>
      <Table.Td>{activity.organizationName}</Table.Td>
    </Table.Tr>
  );
}

function Activities({
  state,
  onChange,
  onPage,
}: {
  state: Record<Key, string>;
  onChange: (changes: Partial<Record<Key, string>>) => void;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('programme');
  const page = Math.max(1, Number(state.page) || 1);
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, state[key] || undefined])) as Record<
    FilterKey,
    string | undefined
  >;
  const activities = useActivities({ ...filters, sort: state.sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const data = activities.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section aria-labelledby="results-title">
      <Group justify="space-between" align="baseline" wrap="wrap" mb="sm">
        <Title order={2} size="h3" id="results-title">
          {t('activities.results')}
        </Title>
        {data && (
          <Text role="status" fw={500}>
            {t('activities.total', { count: data.total })}
          </Text>
        )}
      </Group>
      <ProgrammeQueryState isLoading={activities.isLoading} error={activities.error}>
        {data &&
          (data.total === 0 ? (
            <Paper withBorder p="md" radius="md">
              <Text fw={600}>{t('activities.emptyTitle')}</Text>
              <Text size="sm" mt={4}>
                {t('activities.emptyHint')}
              </Text>
            </Paper>
          ) : (
            <>
              <div className="table-scroll">
                <Table striped highlightOnHover withTableBorder>
                  <Table.Caption>{t('activities.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <SortHeader
                        label={t('columns.title')}
                        sort={state.sort}
                        ascending="title"
                        onSort={(sort) => onChange({ sort })}
                      />
                      <SortHeader
                        label={t('columns.dates')}
                        sort={state.sort}
                        ascending="startDate"
                        descending="-startDate"
                        onSort={(sort) => onChange({ sort })}
                      />
                      <Table.Th scope="col">{t('columns.type')}</Table.Th>
                      <Table.Th scope="col">{t('columns.status')}</Table.Th>
                      <Table.Th scope="col">{t('columns.countries')}</Table.Th>
                      <Table.Th scope="col">{t('columns.organization')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((activity) => (
                      <ActivityRow key={activity.id} activity={activity} />
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
              {pages > 1 && (
                <Group justify="space-between" mt="sm" wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {t('table.showing', {
                      ns: 'common',
                      from: (page - 1) * PAGE_SIZE + 1,
                      to: Math.min(page * PAGE_SIZE, data.total),
                      total: data.total,
                    })}
                  </Text>
                  <Pagination
                    total={pages}
                    value={Math.min(page, pages)}
                    onChange={onPage}
                    getControlProps={(control) => ({ 'aria-label': t(`table.${control}`, { ns: 'common' }) })}
                    getItemProps={(n) => ({ 'aria-label': t('table.page', { ns: 'common', page: n }) })}
                  />
                </Group>
              )}
            </>
          ))}
      </ProgrammeQueryState>
      <Group mt="md">
        <ExportLinks path="/programme/activities" params={{ ...filters, sort: state.sort }} />
      </Group>
    </section>
  );
}

/** /programme/activities: the assistance activities of every organisation, filtered, sorted and exported. */
export function ActivitiesPage() {
  const { t } = useTranslation('programme');
  const [state, set] = useSearchState(DEFAULTS);
  const [, setParams] = useSearchParams();
  const canWrite = useCanWriteActivities();
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;

  // A new filter or order starts again at the first page; each is a step the Back button undoes.
  const change = (changes: Partial<Record<Key, string>>) => {
    setParams(() => {
      const next = currentSearchParams();
      for (const [key, value] of Object.entries(changes)) {
        if (value === '' || value === DEFAULTS[key as Key]) next.delete(key);
        else next.set(key, value);
      }
      next.delete('page');
      return next;
    });
  };

  return (
    <ProgrammeFrame>
      {() => (
        <>
          <Group justify="space-between" align="start" wrap="wrap">
            <div>
              <Title order={1}>{t('activities.title')}</Title>
              <Text mt="xs" maw={760}>
                {t('activities.intro')}
              </Text>
            </div>
            {canWrite && (
              <Group gap="sm">
                <Button component={Link} to="/programme/activities/new">
                  {t('activities.add')}
                </Button>
                <Button component={Link} to="/programme/activities/import" variant="default">
                  {t('activities.import')}
                </Button>
              </Group>
            )}
          </Group>
          {deleted && <Alert color="green" role="status" title={t('activities.deleted', { title: deleted })} />}
          <section aria-labelledby="filters-title">
            <Title order={2} size="h3" id="filters-title" mb="sm">
              {t('filters.title')}
            </Title>
            <ActivityFilters values={state} onChange={change} />
          </section>
          <Activities state={state} onChange={change} onPage={(page) => set('page', String(page))} />
        </>
      )}
    </ProgrammeFrame>
  );
}
