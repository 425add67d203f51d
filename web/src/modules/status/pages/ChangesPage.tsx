import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Change } from '../../../../../src/contracts/status.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { apiUrl } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { useChanges, useInstruments, useParticipants, useSnapshots } from '../status.api.ts';

function describe(
  change: Change,
  t: (key: string, options?: Record<string, unknown>) => string,
  date: (iso: string) => string,
) {
  const before = change.before as { type?: string; date?: string } | null;
  const after = change.after as { type?: string; date?: string } | null;
  const action = (value: { type?: string; date?: string } | null) =>
    value?.type ? `${t(`actions.${value.type}`)} ${date(value.date ?? '')}` : '';
  return t(`changes.kinds.${change.change}`, { before: action(before), after: action(after) });
}

export function ChangesPage() {
  const { t, i18n } = useTranslation('status');
  const format = useFormat();
  const [filter, set] = useSearchState({ instrument: '', participant: '' });
  const changes = useChanges(filter);
  const instruments = useInstruments();
  const participants = useParticipants();
  const snapshots = useSnapshots();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const items = changes.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('changes.title')}</Title>
        <Text mt="xs">{t('changes.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap">
        <NativeSelect
          label={t('columns.instrument')}
          value={filter.instrument}
          onChange={(e) => set('instrument', e.currentTarget.value)}
          maw="100%"
          data={[
            { value: '', label: t('changes.allInstruments') },
            ...(instruments.data?.items ?? []).map((i) => ({ value: i.id, label: i.shortName })),
          ]}
        />
        <NativeSelect
          label={t('columns.participant')}
          value={filter.participant}
          onChange={(e) => set('participant', e.currentTarget.value)}
          maw="100%"
          data={[
            { value: '', label: t('changes.allParticipants') },
            ...(participants.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <Anchor
          href={apiUrl('/status/changes.atom', {
            instrument: filter.instrument,
            participant: filter.participant,
            lang: i18n.language,
          })}
        >
          {t('changes.subscribe')}
        </Anchor>
      </Group>
      <QueryState isLoading={changes.isLoading} error={changes.error}>
        <div className="table-scroll">
          <Table striped withTableBorder>
            <Table.Caption>{t('changes.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('changes.snapshot')}</Table.Th>
                <Table.Th>{t('columns.participant')}</Table.Th>
                <Table.Th>{t('columns.instrument')}</Table.Th>
                <Table.Th>{t('changes.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('changes.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{format.date(c.snapshotAsOf)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/countries/${c.participant}`}>
                      {c.participantName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/instruments/${c.instrument}`}>
                      {nameOf.get(c.instrument) ?? c.instrument}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{describe(c, t, format.date)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        {changes.hasNextPage && (
          <Button variant="light" onClick={() => void changes.fetchNextPage()} loading={changes.isFetchingNextPage}>
            {t('changes.more')}
          </Button>
        )}
      </QueryState>
      <section aria-labelledby="snapshots-title">
        <Title order={2} size="h3" id="snapshots-title" mb="xs">
          {t('changes.snapshotsTitle')}
        </Title>
        <div className="table-scroll">
          <Table withTableBorder>
            <Table.Caption>{t('changes.snapshotsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('changes.snapshot')}</Table.Th>
                <Table.Th>{t('changes.asOf')}</Table.Th>
                <Table.Th>{t('changes.importedAt')}</Table.Th>
                <Table.Th>{t('changes.files')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(snapshots.data?.items ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <span className="ltr-figures">{s.id}</span>
                  </Table.Td>
                  <Table.Td>{format.date(s.asOf)}</Table.Td>
                  <Table.Td>{format.date(s.importedAt)}</Table.Td>
                  <Table.Td>{format.number(s.files.length)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </section>
    </Stack>
  );
}
