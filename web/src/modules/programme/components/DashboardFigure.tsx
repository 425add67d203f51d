import { Suspense, type ReactNode } from 'react';
import { Loader, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A table of a chart's figures: its text alternative, for readers who cannot see or read the chart. */
export function ChartDataTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <div className="table-scroll">
      <Table striped withTableBorder>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, index) => (
              <Table.Th key={header} scope="col" style={{ textAlign: index === 0 ? 'start' : 'end' }}>
                {header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              {row.cells.map((cell, index) =>
                index === 0 ? (
                  <Table.Th key={index} scope="row" fw={400}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={index} style={{ textAlign: 'end' }}>
                    {cell}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/**
 * A chart with its text alternatives: a summary read out in place of the picture, and the table of its
 * figures (folded, under the chart). With no figures, a sentence says so instead of an empty chart.
 */
export function ChartFigure({
  id,
  title,
  summary,
  empty,
  chart,
  table,
  note,
}: {
  id: string;
  title: string;
  summary: string;
  empty: string | null;
  chart: ReactNode;
  table: ReactNode;
  note?: string;
}) {
  const { t } = useTranslation('funding');
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text>{empty}</Text>
      ) : (
        <>
          <figure style={{ margin: 0 }}>
            <div role="img" aria-label={summary}>
              <Suspense fallback={<Loader size="sm" />}>{chart}</Suspense>
            </div>
            {note && (
              <Text component="figcaption" size="sm" mt={4}>
                {note}
              </Text>
            )}
          </figure>
          <details className="audit-details" style={{ marginBlockStart: 8 }}>
            <summary>{t('dashboard.showData')}</summary>
            {table}
          </details>
        </>
      )}
    </section>
  );
}
