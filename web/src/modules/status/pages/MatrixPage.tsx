import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ExportLinks } from '../../../components/ExportLinks.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { todayIso, useFormat } from '../../../lib/format.ts';
import { useSearchState } from '../../../lib/useSearchState.ts';
import { RegionControl } from '../components/Controls.tsx';
import { DataCoverageNote } from '../components/DataCoverageNote.tsx';
import { StatusControls } from '../components/StatusControls.tsx';
import { useInstruments, useMatrix } from '../status.api.ts';

export function MatrixPage() {
  const { t } = useTranslation('status');
  const format = useFormat();
  const [state, set] = useSearchState({ asOf: todayIso(), set: '19', basis: 'deposit', region: '' });
  const matrix = useMatrix(state.asOf, state.set, state.basis, state.region);
  const instruments = useInstruments();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const data = matrix.data;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('matrix.title')}</Title>
        <Text mt="xs">{t('matrix.intro')}</Text>
      </div>
      <Group align="end" gap="md" wrap="wrap">
        <StatusControls state={state} set={set} />
        <RegionControl value={state.region} onChange={(v) => set('region', v)} />
      </Group>
      <Group gap="lg">
        <Text size="sm">
          <span className="legend-swatch matrix-cell-party" aria-hidden="true" />
          {t('matrix.legendParty')}
        </Text>
        <Text size="sm">
          <span className="legend-swatch matrix-cell-signatory" aria-hidden="true" />
          {t('matrix.legendSignatory')}
        </Text>
        <Text size="sm">
          <span className="legend-swatch matrix-cell-unknown" aria-hidden="true" />
          {t('matrix.legendUnknown')}
        </Text>
        <Text size="sm">
          <span className="legend-swatch matrix-cell-none" aria-hidden="true" />
          {t('matrix.legendNotParty')}
        </Text>
        <Text size="sm">
          <span className="legend-swatch matrix-cell-nodata" aria-hidden="true" />
          {t('matrix.legendNoData')}
        </Text>
      </Group>
      <QueryState isLoading={matrix.isLoading} error={matrix.error}>
        {data && (
          <>
            <DataCoverageNote
              coverage={data.instruments.map(({ id, ...coverage }) => ({ instrument: id, ...coverage }))}
              names={nameOf}
            />
            <ExportLinks
              path="/status/matrix"
              params={{ asOf: state.asOf, set: state.set, basis: state.basis, region: state.region || undefined }}
            />
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('matrix.title')}>
              <Table withTableBorder withColumnBorders className="matrix-table" fz="xs">
                <Table.Caption>
                  {t('matrix.caption', { count: data.rows.length, date: format.date(data.asOf) })}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('columns.participant')}</Table.Th>
                    {data.instruments.map((i) => (
                      <Table.Th scope="col" key={i.id}>
                        <Anchor component={Link} to={`/instruments/${i.id}`} size="xs">
                          {nameOf.get(i.id) ?? i.id}
                        </Anchor>
                      </Table.Th>
                    ))}
                    <Table.Th scope="col">{t('matrix.total')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={data.instruments.length + 2}>{t('empty')}</Table.Td>
                    </Table.Tr>
                  )}
                  {data.rows.map((row) => (
                    <Table.Tr key={row.participant}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/countries/${row.participant}`} size="xs">
                          {row.name}
                        </Anchor>
                      </Table.Th>
                      {row.cells.map((cell, index) => {
                        const label =
                          cell === null
                            ? t('noData')
                            : cell.status === 'none'
                              ? t('statuses.not_party')
                              : cell.status === 'unknown'
                                ? t('statuses.unknown')
                                : `${t(`statuses.${cell.status}`)} ${format.date(cell.date)}`;
                        const className =
                          cell === null
                            ? 'matrix-cell-nodata'
                            : cell.status === 'none' || cell.status === 'withdrawn'
                              ? 'matrix-cell-none'
                              : `matrix-cell-${cell.status}`;
                        const symbol =
                          cell === null
                            ? '·'
                            : cell.status === 'party'
                              ? t('matrix.partySymbol')
                              : cell.status === 'signatory'
                                ? t('matrix.signatorySymbol')
                                : cell.status === 'unknown'
                                  ? t('matrix.unknownSymbol')
                                  : '';
                        return (
                          <Table.Td key={data.instruments[index]!.id} className={className} ta="center" title={label}>
                            <span aria-hidden="true">{symbol}</span>
                            <span className="visually-hidden">{label}</span>
                          </Table.Td>
                        );
                      })}
                      <Table.Td ta="center">{format.number(row.partyCount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
