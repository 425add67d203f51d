import { Anchor, Badge, Group, List, Stack, Text, Timeline, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { todayIso, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { CountryLibrary } from '../../library/components/LibrarySections.tsx';
import { CountryActivities } from '../../programme/components/CountryActivities.tsx';
import { DataCoverageNote } from '../components/DataCoverageNote.tsx';
import { StatusControls } from '../components/StatusControls.tsx';
import { useCountryStatus, useInstruments } from '../status.api.ts';

// Background and text pairs chosen for at least 7:1 contrast (WCAG AAA), whatever the status.
const STATUS_COLORS: Record<string, { bg: string; fg: string }> = {
  party: { bg: '#1b5e20', fg: '#ffffff' },
  signatory: { bg: '#ffe066', fg: '#1a1b1e' },
  not_party: { bg: '#8b1a1a', fg: '#ffffff' },
  withdrawn: { bg: '#8b1a1a', fg: '#ffffff' },
  not_adopted: { bg: '#dee2e6', fg: '#1a1b1e' },
  no_data: { bg: '#dee2e6', fg: '#1a1b1e' },
  // Neither party nor not party: its own colour, so that it is never read as either.
  unknown: { bg: '#4a2d7a', fg: '#ffffff' },
};

export function CountryPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation('status');
  const format = useFormat();
  const [state, set] = useSearchState({ asOf: todayIso(), set: '19', basis: 'deposit' });
  const status = useCountryStatus(code, state.asOf, state.set, state.basis);
  const instruments = useInstruments();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const data = status.data;

  const events = (data?.instruments ?? [])
    .flatMap((i) => [
      i.signature && { date: i.signature.date, instrument: i.instrument, action: i.signature.type },
      i.consent && { date: i.consent.date, instrument: i.instrument, action: i.consent.type },
      i.withdrawal && { date: i.withdrawal.date, instrument: i.instrument, action: 'withdrawal' },
    ])
    .filter((e): e is { date: string; instrument: string; action: string } => Boolean(e))
    .sort((a, b) => a.date.localeCompare(b.date));

  return (
    <Stack gap="lg">
      <QueryState isLoading={status.isLoading} error={status.error}>
        {data && (
          <>
            <div>
              <Text size="sm">
                <Anchor component={Link} to="/countries">
                  {t('nav.countries', { ns: 'common' })}
                </Anchor>
              </Text>
              <Title order={1}>{data.name}</Title>
              <Text mt="xs">
                {t('country.summary', {
                  parties: data.partyCount,
                  total: data.instrumentCount - data.instrumentsWithoutData.length,
                  date: format.date(data.asOf),
                })}
              </Text>
            </div>
            <Group align="end" gap="md" wrap="wrap">
              <StatusControls state={state} set={set} />
            </Group>
            <DataCoverageNote coverage={data.instruments} names={nameOf} />
            <section aria-labelledby="gaps-title">
              <Title order={2} size="h3" id="gaps-title">
                {t('country.gapsTitle')}
              </Title>
              {data.gaps.length === 0 ? (
                <Text mt="xs">{t('country.noGaps')}</Text>
              ) : (
                <List mt="xs">
                  {data.gaps.map((id) => (
                    <List.Item key={id}>
                      <Anchor component={Link} to={`/instruments/${id}`}>
                        {nameOf.get(id) ?? id}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </section>
            {data.unknown.length > 0 && (
              <section aria-labelledby="unknown-title">
                <Title order={2} size="h3" id="unknown-title">
                  {t('country.unknownTitle')}
                </Title>
                <Text mt="xs">{t('country.unknownIntro', { name: data.name, count: data.unknown.length })}</Text>
                <List mt="xs">
                  {data.unknown.map((id) => (
                    <List.Item key={id}>
                      <Anchor component={Link} to={`/instruments/${id}`}>
                        {nameOf.get(id) ?? id}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </section>
            )}
            <section aria-labelledby="status-title">
              <Title order={2} size="h3" id="status-title" mb="xs">
                {t('country.statusTitle')}
              </Title>
              <DataTable
                caption={t('country.statusCaption', { name: data.name, date: format.date(data.asOf) })}
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
                    key: 'status',
                    label: t('columns.status'),
                    sortValue: (i) => i.status,
                    render: (i) => (
                      <Badge color={STATUS_COLORS[i.status]!.bg} c={STATUS_COLORS[i.status]!.fg} variant="filled">
                        {t(`statuses.${i.status}`)}
                      </Badge>
                    ),
                  },
                  {
                    key: 'signature',
                    label: t('columns.signature'),
                    sortValue: (i) => i.signature?.date ?? null,
                    render: (i) => format.date(i.signature?.date),
                  },
                  {
                    key: 'consent',
                    label: t('columns.consent'),
                    sortValue: (i) => i.consent?.date ?? null,
                    render: (i) =>
                      i.consent ? `${format.date(i.consent.date)} (${t(`actions.${i.consent.type}`)})` : '',
                  },
                  {
                    key: 'inForce',
                    label: t('columns.inForceFrom'),
                    sortValue: (i) => i.inForceFrom,
                    render: (i) => format.date(i.inForceFrom),
                  },
                ]}
              />
            </section>
            <section aria-labelledby="timeline-title">
              <Title order={2} size="h3" id="timeline-title" mb="sm">
                {t('country.timelineTitle')}
              </Title>
              {events.length === 0 ? (
                <Text>{t('country.noEvents')}</Text>
              ) : (
                <Timeline bulletSize={14} lineWidth={2}>
                  {events.map((e) => (
                    <Timeline.Item key={`${e.instrument}-${e.action}-${e.date}`} title={format.date(e.date)}>
                      <Text size="sm">
                        {t(`actions.${e.action}`)} · {nameOf.get(e.instrument) ?? e.instrument}
                      </Text>
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </section>
            <CountryLibrary code={data.participant} name={data.name} />
            <CountryActivities code={data.participant} />
          </>
        )}
      </QueryState>
    </Stack>
  );
}
