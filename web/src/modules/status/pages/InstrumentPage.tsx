import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ExportLinks } from '../../../components/ExportLinks.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { todayIso, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { InstrumentLibrary } from '../../library/components/LibrarySections.tsx';
import { BasisControl, DateControl, RegionControl } from '../components/Controls.tsx';
import { useInstrument, useParties, useTimeline } from '../status.api.ts';
import { Fact } from '../../../components/Fact.tsx';
import { DataCoverageNote } from '../components/DataCoverageNote.tsx';

const CumulativeChart = lazy(async () => ({ default: (await import('../components/Charts.tsx')).CumulativeChart }));

// The catalogue names places in English ("New York"); the key is that name in camel case (`places.newYork`).
const placeKey = (place: string) =>
  place.toLowerCase().replace(/\s+(\p{L})/gu, (_, letter: string) => letter.toUpperCase());

export function InstrumentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('status');
  const format = useFormat();
  const [state, set] = useSearchState({ asOf: todayIso(), basis: 'deposit', region: '' });
  const [search, setSearch] = useState('');
  const instrument = useInstrument(id);
  const parties = useParties(id, state.asOf, state.basis);
  const timeline = useTimeline(id, state.basis);
  const i = instrument.data;

  const rows = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (parties.data?.parties ?? []).filter(
      (p) =>
        (!state.region || p.regionM49 === state.region || p.subregionM49 === state.region) &&
        (!needle || p.name.toLocaleLowerCase().includes(needle) || p.participant.toLowerCase() === needle),
    );
  }, [parties.data, search, state.region]);

  return (
    <Stack gap="lg">
      <QueryState isLoading={instrument.isLoading} error={instrument.error}>
        {i && (
          <>
            <div>
              <Text size="sm">
                <Anchor component={Link} to="/instruments">
                  {t('nav.instruments', { ns: 'common' })}
                </Anchor>
              </Text>
              <Title order={1}>{i.shortName}</Title>
              <Text mt="xs">{i.title}</Text>
            </div>
            <Paper withBorder p="md" radius="md">
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0}>
                <Fact label={t('columns.adopted')}>
                  {format.date(i.adoptedDate)}
                  {i.adoptedPlace
                    ? ` · ${t(`places.${placeKey(i.adoptedPlace)}`, { defaultValue: i.adoptedPlace })}`
                    : ''}
                </Fact>
                <Fact label={t('instrument.eifDate')}>
                  {i.entryIntoForceDate ? format.date(i.entryIntoForceDate) : t('instrument.notInForce')}
                </Fact>
                <Fact label={t('columns.depositary')}>
                  {i.depositaryCodes.map((c) => t(`depositaries.${c}`)).join(', ')}
                </Fact>
                <Fact label={t('instrument.eifRule')}>
                  {i.eifRule.kind === 'first_day_of_second_month'
                    ? t('instrument.eifFirstDay', { count: i.eifRule.instrumentsRequired ?? 0 })
                    : t('instrument.eifDays', {
                        count: i.eifRule.instrumentsRequired ?? 0,
                        days: i.eifRule.daysAfter ?? 0,
                        later: i.eifRule.daysAfterForLaterJoiners ?? 0,
                      })}
                </Fact>
                <Fact label={t('columns.sets')}>
                  <Group gap={4}>
                    {i.sets.length
                      ? i.sets.map((s) => (
                          <Badge key={s} variant="light" size="sm">
                            {s}
                          </Badge>
                        ))
                      : t(`families.${i.family}`)}
                  </Group>
                </Fact>
                {i.untcNo && (
                  <Fact label={t('instrument.untcNo')}>
                    <span className="ltr-figures">{i.untcNo}</span>
                  </Fact>
                )}
              </SimpleGrid>
            </Paper>
            {!i.hasData ? (
              <Alert color="yellow" title={t('noData')}>
                {t('instrument.noDataBody')}
              </Alert>
            ) : (
              <>
                <section aria-labelledby="chart-title">
                  <Title order={2} size="h3" id="chart-title" mb="xs">
                    {t('instrument.chartTitle')}
                  </Title>
                  <Suspense fallback={<Loader size="sm" />}>
                    {timeline.data && (
                      <CumulativeChart
                        data={timeline.data.points}
                        partiesLabel={t('columns.parties')}
                        signatoriesLabel={t('columns.signatories')}
                      />
                    )}
                  </Suspense>
                  {timeline.data?.stale && (
                    <Text size="sm" mt={4}>
                      {t('instrument.chartStops', { date: format.date(timeline.data.dataAsOf) })}
                    </Text>
                  )}
                  {timeline.data && !timeline.data.complete && (
                    <Text size="sm" mt={4}>
                      {t('instrument.chartPartial')}
                    </Text>
                  )}
                </section>
                <section aria-labelledby="parties-title">
                  <Title order={2} size="h3" id="parties-title" mb="xs">
                    {t('instrument.partiesTitle')}
                  </Title>
                  <Group align="end" gap="md" wrap="wrap" mb="sm">
                    <DateControl
                      name="asOf"
                      label={t('controls.asOf')}
                      value={state.asOf}
                      onChange={(v) => set('asOf', v)}
                    />
                    <BasisControl value={state.basis} onChange={(v) => set('basis', v)} />
                    <RegionControl value={state.region} onChange={(v) => set('region', v)} />
                    <TextInput
                      label={t('controls.search')}
                      value={search}
                      onChange={(e) => setSearch(e.currentTarget.value)}
                      w={220}
                      type="search"
                    />
                  </Group>
                  <QueryState isLoading={parties.isLoading} error={parties.error}>
                    {parties.data && (
                      <>
                        <Text mb="xs" role="status">
                          {t(parties.data.complete ? 'instrument.counts' : 'instrument.countsPartial', {
                            parties: parties.data.count ?? 0,
                            signatories: parties.data.signatoryCount ?? 0,
                            date: format.date(parties.data.asOf),
                          })}
                        </Text>
                        <DataCoverageNote coverage={[parties.data]} names={new Map([[i.id, i.shortName]])} mb="sm" />
                        <ExportLinks
                          path={`/instruments/${id}/parties`}
                          params={{ asOf: state.asOf, basis: state.basis }}
                        />
                        <DataTable
                          caption={t('instrument.partiesCaption', { date: format.date(parties.data.asOf) })}
                          rows={rows}
                          rowKey={(p) => p.participant}
                          empty={t('empty')}
                          initialSort={{ key: 'name', direction: 'asc' }}
                          columns={[
                            {
                              key: 'name',
                              label: t('columns.participant'),
                              sortValue: (p) => p.name,
                              render: (p) => (
                                <Anchor component={Link} to={`/countries/${p.participant}`}>
                                  {p.name}
                                </Anchor>
                              ),
                            },
                            {
                              key: 'signature',
                              label: t('columns.signature'),
                              sortValue: (p) => p.signatureDate,
                              render: (p) => format.date(p.signatureDate),
                            },
                            {
                              key: 'date',
                              label: t('columns.consent'),
                              sortValue: (p) => p.date,
                              render: (p) => `${format.date(p.date)} (${t(`actions.${p.action}`)})`,
                            },
                            {
                              key: 'inForce',
                              label: t('columns.inForceFrom'),
                              sortValue: (p) => p.inForceFrom,
                              render: (p) => format.date(p.inForceFrom),
                            },
                          ]}
                        />
                      </>
                    )}
                  </QueryState>
                </section>
              </>
            )}
            <InstrumentLibrary id={i.id} name={i.shortName} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
