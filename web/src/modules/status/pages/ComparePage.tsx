import { lazy, Suspense } from 'react';
import { Anchor, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Compare } from '../../../../../src/contracts/status.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { ExportLinks } from '../../../components/ExportLinks.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { todayIso, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { BasisControl, DateControl, SetControl } from '../components/Controls.tsx';
import { AtLeast, DataCoverageNote } from '../components/DataCoverageNote.tsx';
import { useCompare, useInstruments } from '../status.api.ts';

const CompareChart = lazy(async () => ({ default: (await import('../components/Charts.tsx')).CompareChart }));

function PartyToAll({ label, value }: { label: string; value: Compare['partyToAllAtFrom'] }) {
  const { t } = useTranslation('status');
  const format = useFormat();
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        <bdi>{value.complete ? format.number(value.count) : t('overview.unknown')}</bdi>
      </Text>
      {!value.complete && (
        <Text size="xs">
          {[
            value.countOverInstrumentsWithData === null
              ? null
              : t('overview.partyToAllWithData', { count: value.countOverInstrumentsWithData }),
            value.instrumentsWithoutData.length > 0
              ? t('compare.missing', { count: value.instrumentsWithoutData.length })
              : null,
            value.instrumentsWithPartialData.length > 0
              ? t('compare.partial', { count: value.instrumentsWithPartialData.length })
              : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
    </Paper>
  );
}

export function ComparePage() {
  const { t } = useTranslation('status');
  const format = useFormat();
  const [state, set] = useSearchState({ from: '2013-01-01', to: todayIso(), set: '19', basis: 'deposit' });
  const compare = useCompare(state.from, state.to, state.set, state.basis);
  const instruments = useInstruments();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const data = compare.data;
  // A partial list only proves the parties it names: its counts are lower bounds.
  const count = (row: Compare['instruments'][number], value: number | null) =>
    !row.hasData ? t('noData') : row.complete ? format.number(value) : <AtLeast value={value} />;
  const chartRows = (data?.instruments ?? [])
    .filter((i) => i.hasData)
    .map((i) => ({
      name: nameOf.get(i.instrument) ?? i.instrument,
      atFrom: i.partiesAtFrom ?? 0,
      newParties: i.newParties ?? 0,
    }));

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('compare.title')}</Title>
        <Text mt="xs">{t('compare.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap">
        <DateControl name="from" label={t('controls.from')} value={state.from} onChange={(v) => set('from', v)} />
        <DateControl name="to" label={t('controls.to')} value={state.to} onChange={(v) => set('to', v)} />
        <SetControl value={state.set} onChange={(v) => set('set', v)} />
        <BasisControl value={state.basis} onChange={(v) => set('basis', v)} />
      </Group>
      <QueryState isLoading={compare.isLoading} error={compare.error}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <PartyToAll
                label={t('compare.partyToAllAt', { date: format.date(data.from) })}
                value={data.partyToAllAtFrom}
              />
              <PartyToAll
                label={t('compare.partyToAllAt', { date: format.date(data.to) })}
                value={data.partyToAllAtTo}
              />
            </SimpleGrid>
            <DataCoverageNote coverage={data.instruments} names={nameOf} />
            <ExportLinks
              path="/status/compare"
              params={{ from: state.from, to: state.to, set: state.set, basis: state.basis }}
            />
            <DataTable
              caption={t('compare.caption', { from: format.date(data.from), to: format.date(data.to) })}
              rows={data.instruments}
              rowKey={(i) => i.instrument}
              empty={t('empty')}
              columns={[
                {
                  key: 'instrument',
                  label: t('columns.instrument'),
                  sortValue: (i) => nameOf.get(i.instrument) ?? i.instrument,
                  render: (i) => (
                    <Anchor component={Link} to={`/instruments/${i.instrument}`}>
                      {nameOf.get(i.instrument) ?? i.instrument}
                    </Anchor>
                  ),
                },
                {
                  key: 'from',
                  label: t('compare.partiesAt', { date: format.date(data.from) }),
                  numeric: true,
                  sortValue: (i) => i.partiesAtFrom,
                  render: (i) => count(i, i.partiesAtFrom),
                },
                {
                  key: 'to',
                  label: t('compare.partiesAt', { date: format.date(data.to) }),
                  numeric: true,
                  sortValue: (i) => i.partiesAtTo,
                  render: (i) => count(i, i.partiesAtTo),
                },
                {
                  key: 'new',
                  label: t('compare.newParties'),
                  numeric: true,
                  sortValue: (i) => i.newParties,
                  render: (i) => count(i, i.newParties),
                },
              ]}
            />
            <section aria-labelledby="compare-chart">
              <Title order={2} size="h3" id="compare-chart" mb="xs">
                {t('compare.chartTitle')}
              </Title>
              <Suspense fallback={<Loader size="sm" />}>
                <CompareChart
                  data={chartRows}
                  fromLabel={t('compare.partiesAt', { date: format.date(data.from) })}
                  toLabel={t('compare.newParties')}
                />
              </Suspense>
            </section>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
