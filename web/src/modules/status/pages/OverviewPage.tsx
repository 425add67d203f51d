import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { todayIso, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { DataCoverageNote } from '../components/DataCoverageNote.tsx';
import { DataAge } from '../components/DataAge.tsx';
import { StatusControls } from '../components/StatusControls.tsx';
import { WorldMap } from '../components/WorldMap.tsx';
import { useInstruments, useOverview, useParticipants } from '../status.api.ts';

// Isolated, not forced left to right: an Arabic date's marks then reorder its parts ('142015/03/').
function Figure({ label, value, note }: { label: string; value: string; note?: string | undefined }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        <bdi>{value}</bdi>
      </Text>
      {note && (
        <Text size="xs" mt={4}>
          {note}
        </Text>
      )}
    </Paper>
  );
}

export function OverviewPage() {
  const { t } = useTranslation('status');
  const format = useFormat();
  const [state, set] = useSearchState({ asOf: todayIso(), set: '19', basis: 'deposit' });
  const overview = useOverview(state.asOf, state.set, state.basis);
  const participants = useParticipants();
  const instruments = useInstruments();
  const instrumentNames = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const data = overview.data;
  const namesById = new Map((participants.data?.items ?? []).map((p) => [p.id, p.name]));
  const namesByM49 = new Map((participants.data?.items ?? []).filter((p) => p.m49).map((p) => [p.m49!, p.name]));
  const withData = data?.instrumentsWithData.length ?? 0;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('overview.title')}</Title>
        <Text mt="xs">{t('overview.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap">
        <StatusControls state={state} set={set} />
      </Group>
      <QueryState isLoading={overview.isLoading} error={overview.error}>
        {data && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <Figure
                label={t('overview.instruments')}
                value={format.number(data.instrumentCount)}
                note={t('overview.withData', { count: withData })}
              />
              <Figure
                label={t('overview.partyToAll')}
                value={data.partyToAll.complete ? format.number(data.partyToAll.count) : t('overview.unknown')}
                note={
                  data.partyToAll.complete || data.partyToAll.countOverInstrumentsWithData === null
                    ? undefined
                    : t('overview.partyToAllWithData', { count: data.partyToAll.countOverInstrumentsWithData })
                }
              />
              <Figure label={t('overview.participants')} value={format.number(data.participantCount)} />
              <Figure
                label={t('overview.latestData')}
                value={format.date(data.latestDataAsOf)}
                note={
                  data.oldestDataAsOf && data.oldestDataAsOf !== data.latestDataAsOf
                    ? t('overview.oldestData', { date: format.date(data.oldestDataAsOf) })
                    : undefined
                }
              />
            </SimpleGrid>
            <DataCoverageNote coverage={data.coverage} names={instrumentNames}>
              {data.staleInstruments.length > 0 && <DataAge newest={data.latestDataAsOf} asOf={data.asOf} />}
            </DataCoverageNote>
            <section aria-labelledby="map-title">
              <Title order={2} id="map-title" size="h3" mb="xs">
                {t('overview.mapTitle', { count: withData })}
              </Title>
              <WorldMap
                labelId="map-title"
                max={withData}
                names={namesByM49}
                counts={new Map(data.participants.filter((p) => p.m49).map((p) => [p.m49!, p.partyCount]))}
              />
            </section>
            <section aria-labelledby="table-title">
              <Title order={2} id="table-title" size="h3" mb="xs">
                {t('overview.tableTitle')}
              </Title>
              <DataTable
                caption={t('overview.tableCaption', { date: format.date(data.asOf) })}
                rows={data.participants}
                rowKey={(row) => row.participant}
                initialSort={{ key: 'count', direction: 'desc' }}
                empty={t('empty')}
                pageSize={25}
                columns={[
                  {
                    key: 'name',
                    label: t('columns.participant'),
                    sortValue: (r) => namesById.get(r.participant) ?? r.participant,
                    render: (r) => (
                      <Anchor component={Link} to={`/countries/${r.participant}`}>
                        {namesById.get(r.participant) ?? r.participant}
                      </Anchor>
                    ),
                  },
                  {
                    key: 'count',
                    label: t('columns.partyTo', { count: withData }),
                    numeric: true,
                    sortValue: (r) => r.partyCount,
                    render: (r) => format.number(r.partyCount),
                  },
                ]}
              />
            </section>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
