import { lazy, useMemo } from 'react';
import { Anchor, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ExportLinks } from '../../../components/ExportLinks.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { DateControl, RegionControl, SetControl } from '../../status/components/Controls.tsx';
import { useInstruments, useParticipants } from '../../status/status.api.ts';
import { Figure, FundingFrame, FundingQueryState, useMoney } from '../components/FundingCommon.tsx';
import { ChartDataTable, ChartFigure } from '../components/DashboardFigure.tsx';
import { RatificationDataNote } from '../components/RatificationDataNote.tsx';
import {
  ACTIVITY_TYPES,
  PROFESSIONS,
  THEMES,
  previousYear,
  useCohort,
  useIndicators,
  useProgrammeOptions,
  type Cohort,
  type Indicators,
} from '../funding.api.ts';

const ActivitiesByTypeChart = lazy(async () => ({
  default: (await import('../components/DashboardCharts.tsx')).ActivitiesByTypeChart,
}));
const CountChart = lazy(async () => ({ default: (await import('../components/DashboardCharts.tsx')).CountChart }));

const PERIOD = previousYear();
const DEFAULTS = {
  from: PERIOD.from,
  to: PERIOD.to,
  region: '',
  country: '',
  donor: '',
  project: '',
  theme: '',
  cfrom: PERIOD.from,
  cto: PERIOD.to,
  ctypes: '',
  cset: '19',
  cregion: '',
};
type State = Record<keyof typeof DEFAULTS, string>;
type SetState = (key: keyof typeof DEFAULTS, value: string) => void;

/** Helpers for the sentences that read a chart out: lists joined as the language joins them, months named. */
function useWords() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const list = new Intl.ListFormat(i18n.language, { style: 'long', type: 'unit' });
    const month = new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    return {
      list: (items: string[]) => list.format(items),
      month: (yearMonth: string) => month.format(new Date(`${yearMonth}-01T00:00:00Z`)),
    };
  }, [i18n.language]);
}

function ScopeControls({ state, set }: { state: State; set: SetState }) {
  const { t, i18n } = useTranslation('funding');
  const participants = useParticipants();
  const options = useProgrammeOptions();
  const collator = new Intl.Collator(i18n.language);
  const countries = [...(participants.data?.items ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const donors = [...(options.data?.donors ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  const projects = options.data?.projects ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="scope-title">
      <Title order={2} size="h4" id="scope-title" mb="sm">
        {t('dashboard.scopeTitle')}
      </Title>
      <Group align="end" gap="md" wrap="wrap">
        <DateControl name="from" label={t('period.from')} value={state.from} onChange={(v) => set('from', v)} />
        <DateControl name="to" label={t('period.to')} value={state.to} onChange={(v) => set('to', v)} />
        <RegionControl value={state.region} onChange={(v) => set('region', v)} />
        <NativeSelect
          label={t('fields.country')}
          value={state.country}
          className="field-wide"
          onChange={(event) => set('country', event.currentTarget.value)}
          data={[
            { value: '', label: t('dashboard.allCountries') },
            ...countries.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        {donors.length > 0 && (
          <NativeSelect
            label={t('fields.donor')}
            value={state.donor}
            className="field-wide"
            onChange={(event) => set('donor', event.currentTarget.value)}
            data={[
              { value: '', label: t('dashboard.allDonors') },
              ...donors.map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
        )}
        {projects.length > 0 && (
          <NativeSelect
            label={t('fields.project')}
            value={state.project}
            className="field-wide"
            onChange={(event) => set('project', event.currentTarget.value)}
            data={[
              { value: '', label: t('dashboard.allProjects') },
              ...projects.map((p) => ({ value: p.id, label: `${p.code} · ${p.title}` })),
            ]}
          />
        )}
        <NativeSelect
          label={t('fields.theme')}
          value={state.theme}
          className="field-wide"
          onChange={(event) => set('theme', event.currentTarget.value)}
          data={[
            { value: '', label: t('dashboard.allThemes') },
            ...THEMES.map((theme) => ({ value: theme, label: t(`themes.${theme}`, { ns: 'library' }) })),
          ]}
        />
      </Group>
    </Paper>
  );
}

/** Share of women among the participants whose gender was recorded. */
const womenShare = (group: { women: number; men: number }) =>
  group.women + group.men > 0 ? group.women / (group.women + group.men) : null;

function Headlines({ data }: { data: Indicators }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const money = useMoney();
  const genderNote = (group: Indicators['participants']) => {
    const share = womenShare(group);
    return (
      <>
        {share === null
          ? t('dashboard.figures.noGender')
          : t('dashboard.figures.womenShare', { women: group.women, share: money.percent(share) })}
        {group.notRecorded > 0 && <> · {t('dashboard.figures.notRecorded', { count: group.notRecorded })}</>}
      </>
    );
  };
  return (
    <section aria-labelledby="figures-title">
      <Title order={2} size="h3" id="figures-title" mb="sm">
        {t('dashboard.figuresTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="dl" m={0}>
        <Figure label={t('dashboard.figures.activitiesDelivered')} value={format.number(data.activitiesDelivered)} />
        <Figure label={t('dashboard.figures.countriesAssisted')} value={format.number(data.countriesAssisted)} />
        <Figure
          label={t('dashboard.figures.participants')}
          value={format.number(data.participants.total)}
          note={genderNote(data.participants)}
        />
        <Figure
          label={t('dashboard.figures.officialsTrained')}
          value={format.number(data.officialsTrained.total)}
          note={genderNote(data.officialsTrained)}
        />
        <Figure
          label={t('dashboard.figures.newRatifications')}
          value={data.newRatifications === null ? t('dashboard.figures.unknown') : format.number(data.newRatifications)}
          note={t(
            data.newRatifications === null
              ? 'dashboard.figures.newRatificationsUnknown'
              : 'dashboard.figures.newRatificationsNote',
          )}
        />
        <Figure
          label={t('dashboard.figures.laws')}
          value={t('dashboard.figures.lawsValue', { drafted: data.laws.drafted, adopted: data.laws.adopted })}
          note={t('dashboard.figures.lawsNote')}
        />
      </SimpleGrid>
      <RatificationDataNote data={data.ratificationData} mt="md" />
    </section>
  );
}

function Charts({ data }: { data: Indicators }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const words = useWords();
  const typeLabel = (type: string) => t(`activityTypes.${type}`, { defaultValue: type });

  const byType = data.activitiesByType
    .filter((row) => row.delivered + row.planned > 0)
    .sort((a, b) => ACTIVITY_TYPES.indexOf(a.type) - ACTIVITY_TYPES.indexOf(b.type))
    .map((row) => ({ key: row.type, label: typeLabel(row.type), delivered: row.delivered, planned: row.planned }));
  const professionKeys = [
    ...PROFESSIONS,
    ...Object.keys(data.participants.professions).filter((p) => !(PROFESSIONS as readonly string[]).includes(p)),
  ];
  const byProfession = professionKeys.map((p) => ({
    key: p,
    label: t(`professions.${p}`, { defaultValue: p }),
    value: data.participants.professions[p] ?? 0,
  }));
  const byGender = [
    { key: 'women', label: t('gender.women'), value: data.participants.women },
    { key: 'men', label: t('gender.men'), value: data.participants.men },
    { key: 'notRecorded', label: t('gender.notRecorded'), value: data.participants.notRecorded },
  ];
  const byMonth = data.byMonth.map((row) => ({
    key: row.month,
    label: words.month(row.month),
    value: row.activities,
    participants: row.participants,
  }));
  const counted = (rows: { value: number }[]) => rows.some((row) => row.value > 0);
  const countSummary = (rows: { label: string; value: number }[]) =>
    words.list(rows.map((row) => t('dashboard.charts.countItem', { label: row.label, count: row.value })));

  return (
    <section aria-labelledby="charts-title">
      <Title order={2} size="h3" id="charts-title" mb="sm">
        {t('dashboard.chartsTitle')}
      </Title>
      <Stack gap="xl">
        <ChartFigure
          id="chart-types"
          title={t('dashboard.charts.byTypeTitle')}
          empty={byType.length === 0 ? t('dashboard.charts.noActivities') : null}
          summary={t('dashboard.charts.byTypeSummary', {
            list: words.list(
              byType.map((row) =>
                t('dashboard.charts.byTypeItem', { type: row.label, delivered: row.delivered, planned: row.planned }),
              ),
            ),
          })}
          note={t('dashboard.charts.byTypeNote')}
          chart={
            <ActivitiesByTypeChart
              data={byType}
              formatNumber={format.number}
              deliveredLabel={t('dashboard.charts.delivered')}
              plannedLabel={t('dashboard.charts.planned')}
            />
          }
          table={
            <ChartDataTable
              caption={t('dashboard.charts.byTypeTitle')}
              headers={[t('fields.activityType'), t('dashboard.charts.delivered'), t('dashboard.charts.planned')]}
              rows={byType.map((row) => ({
                key: row.key,
                cells: [row.label, format.number(row.delivered), format.number(row.planned)],
              }))}
            />
          }
        />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <ChartFigure
            id="chart-professions"
            title={t('dashboard.charts.byProfessionTitle')}
            empty={counted(byProfession) ? null : t('dashboard.charts.noParticipants')}
            summary={t('dashboard.charts.byProfessionSummary', { list: countSummary(byProfession) })}
            chart={
              <CountChart
                data={byProfession}
                vertical
                formatNumber={format.number}
                seriesLabel={t('dashboard.charts.participants')}
              />
            }
            table={
              <ChartDataTable
                caption={t('dashboard.charts.byProfessionTitle')}
                headers={[t('fields.profession'), t('dashboard.charts.participants')]}
                rows={byProfession.map((row) => ({ key: row.key, cells: [row.label, format.number(row.value)] }))}
              />
            }
          />
          <ChartFigure
            id="chart-gender"
            title={t('dashboard.charts.byGenderTitle')}
            empty={counted(byGender) ? null : t('dashboard.charts.noParticipants')}
            summary={t('dashboard.charts.byGenderSummary', { list: countSummary(byGender) })}
            chart={
              <CountChart
                data={byGender}
                vertical
                formatNumber={format.number}
                seriesLabel={t('dashboard.charts.participants')}
                color="teal.8"
              />
            }
            table={
              <ChartDataTable
                caption={t('dashboard.charts.byGenderTitle')}
                headers={[t('fields.gender'), t('dashboard.charts.participants')]}
                rows={byGender.map((row) => ({ key: row.key, cells: [row.label, format.number(row.value)] }))}
              />
            }
          />
        </SimpleGrid>
        <ChartFigure
          id="chart-months"
          title={t('dashboard.charts.byMonthTitle')}
          empty={counted(byMonth) ? null : t('dashboard.charts.noActivities')}
          summary={t('dashboard.charts.byMonthSummary', { list: countSummary(byMonth) })}
          chart={
            <CountChart data={byMonth} formatNumber={format.number} seriesLabel={t('dashboard.charts.activities')} />
          }
          table={
            <ChartDataTable
              caption={t('dashboard.charts.byMonthTitle')}
              headers={[t('fields.month'), t('dashboard.charts.activities'), t('dashboard.charts.participants')]}
              rows={byMonth.map((row) => ({
                key: row.key,
                cells: [row.label, format.number(row.value), format.number(row.participants)],
              }))}
            />
          }
        />
      </Stack>
    </section>
  );
}

function Ratifications({ data }: { data: Indicators }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const instruments = useInstruments();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const instrumentName = (id: string) => nameOf.get(id) ?? id;
  return (
    <section aria-labelledby="ratifications-title">
      <Title order={2} size="h3" id="ratifications-title" mb="xs">
        {t('dashboard.ratificationsTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('dashboard.ratificationsIntro')}
      </Text>
      <DataTable
        caption={t('dashboard.ratificationsCaption', {
          from: format.date(data.scope.from),
          to: format.date(data.scope.to),
          count: data.newRatificationsList.length,
        })}
        rows={data.newRatificationsList}
        rowKey={(row) => `${row.participantId}-${row.instrumentId}-${row.date}`}
        empty={t('dashboard.ratificationsEmpty')}
        initialSort={{ key: 'date', direction: 'asc' }}
        columns={[
          {
            key: 'country',
            label: t('fields.country'),
            sortValue: (row) => row.name,
            render: (row) => (
              <Anchor component={Link} to={`/countries/${row.participantId}`}>
                {row.name}
              </Anchor>
            ),
          },
          {
            key: 'instrument',
            label: t('fields.instrument'),
            sortValue: (row) => instrumentName(row.instrumentId),
            render: (row) => (
              <Anchor component={Link} to={`/instruments/${row.instrumentId}`}>
                {instrumentName(row.instrumentId)}
              </Anchor>
            ),
          },
          {
            key: 'date',
            label: t('fields.date'),
            sortValue: (row) => row.date,
            render: (row) => format.date(row.date),
          },
        ]}
      />
    </section>
  );
}

function CohortSentence({ data, state }: { data: Cohort; state: State }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const dates = { from: format.date(state.cfrom), to: format.date(state.cto) };
  if (data.assisted === 0) return <Text fw={600}>{t('cohort.none', dates)}</Text>;
  return (
    <>
      <Text fw={600} role="status">
        {data.becameParty === null
          ? t('cohort.unknown', { ...dates, assisted: data.assisted })
          : t(state.ctypes ? 'cohort.sentence' : 'cohort.sentenceAny', {
              ...dates,
              assisted: data.assisted,
              becameParty: data.becameParty,
            })}
      </Text>
      <RatificationDataNote data={data.ratificationData} />
    </>
  );
}

function CohortSection({ state, set }: { state: State; set: SetState }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const instruments = useInstruments();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const filter = {
    from: state.cfrom,
    to: state.cto,
    types: state.ctypes,
    set: state.cset,
    region: state.cregion || undefined,
  };
  const cohort = useCohort(filter);
  const types = state.ctypes.split(',').filter(Boolean);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="cohort-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="cohort-title">
            {t('cohort.title')}
          </Title>
          <Text size="sm" mt={4}>
            {t('cohort.intro')}
          </Text>
        </div>
        <Group align="end" gap="md" wrap="wrap">
          <DateControl name="cfrom" label={t('cohort.from')} value={state.cfrom} onChange={(v) => set('cfrom', v)} />
          <DateControl name="cto" label={t('cohort.to')} value={state.cto} onChange={(v) => set('cto', v)} />
          <SetControl value={state.cset} onChange={(v) => set('cset', v)} />
          <RegionControl value={state.cregion} onChange={(v) => set('cregion', v)} />
        </Group>
        <Checkbox.Group
          label={t('cohort.types')}
          description={t('cohort.typesHint')}
          value={types}
          onChange={(value) => set('ctypes', ACTIVITY_TYPES.filter((type) => value.includes(type)).join(','))}
        >
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={6} mt={6}>
            {ACTIVITY_TYPES.map((type) => (
              <Checkbox key={type} value={type} label={t(`activityTypes.${type}`)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <FundingQueryState isLoading={cohort.isLoading} error={cohort.error}>
          {cohort.data && (
            <>
              <CohortSentence data={cohort.data} state={state} />
              <ExportLinks
                path="/programme/indicators/cohort"
                params={{ ...filter, types: filter.types || undefined }}
              />
              <DataTable
                caption={t('cohort.caption', { count: cohort.data.countries.length })}
                rows={cohort.data.countries}
                rowKey={(row) => row.id}
                empty={t('cohort.empty')}
                initialSort={{ key: 'country', direction: 'asc' }}
                columns={[
                  {
                    key: 'country',
                    label: t('fields.country'),
                    sortValue: (row) => row.name,
                    render: (row) => (
                      <Anchor component={Link} to={`/countries/${row.id}`}>
                        {row.name}
                      </Anchor>
                    ),
                  },
                  {
                    key: 'first',
                    label: t('cohort.firstAssistance'),
                    sortValue: (row) => row.firstAssistance,
                    render: (row) => format.date(row.firstAssistance),
                  },
                  {
                    key: 'joined',
                    label: t('cohort.joined'),
                    sortValue: (row) => row.joined.length,
                    render: (row) =>
                      row.joined.length === 0 ? (
                        t('cohort.joinedNone')
                      ) : (
                        <ul className="audit-changes">
                          {row.joined.map((j) => (
                            <li key={j.instrumentId}>
                              {t('cohort.joinedItem', {
                                instrument: nameOf.get(j.instrumentId) ?? j.instrumentId,
                                date: format.date(j.date),
                              })}
                            </li>
                          ))}
                        </ul>
                      ),
                  },
                ]}
              />
            </>
          )}
        </FundingQueryState>
      </Stack>
    </Paper>
  );
}

function Dashboard() {
  const { t } = useTranslation('funding');
  const [state, set] = useSearchState(DEFAULTS);
  const scope = {
    from: state.from,
    to: state.to,
    region: state.region || undefined,
    country: state.country || undefined,
    donor: state.donor || undefined,
    project: state.project || undefined,
    theme: state.theme || undefined,
  };
  const indicators = useIndicators(scope);
  const data = indicators.data;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('dashboard.title')}</Title>
        <Text mt="xs">{t('dashboard.intro')}</Text>
      </div>
      <ScopeControls state={state} set={set} />
      <FundingQueryState isLoading={indicators.isLoading} error={indicators.error}>
        {data && (
          <>
            <ExportLinks path="/programme/indicators" params={scope} />
            <Headlines data={data} />
            <Charts data={data} />
            <Ratifications data={data} />
          </>
        )}
      </FundingQueryState>
      <CohortSection state={state} set={set} />
    </Stack>
  );
}

/** /programme/dashboard: the programme's results over a period and scope, and the cohort analysis. */
export function DashboardPage() {
  return <FundingFrame funding={false}>{() => <Dashboard />}</FundingFrame>;
}
