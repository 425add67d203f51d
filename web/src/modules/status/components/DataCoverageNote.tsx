import { Alert, List, type MantineSpacing } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '../../../../../src/contracts/status.ts';
import { useFormat } from '../../../lib/format.ts';

/** Instrument names joined as the UI language joins a list ("A, B and C"). */
export function useListFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const list = new Intl.ListFormat(i18n.language, { style: 'long', type: 'conjunction' });
    return (items: string[]) => list.format(items);
  }, [i18n.language]);
}

/**
 * The frame every data notice shares: one polite live region, so a reader hears the limits of a figure
 * when the date or set changes, not only on first load. Renders nothing when there is nothing to say.
 */
export function DataNotice({
  title,
  items,
  children,
  mt,
  mb,
}: {
  title: string;
  items: ReactNode[];
  children?: ReactNode;
  mt?: MantineSpacing;
  mb?: MantineSpacing;
}) {
  if (items.length === 0 && !children) return null;
  return (
    <Alert color="yellow" role="status" title={title} mt={mt} mb={mb}>
      {items.length > 0 && (
        <List size="sm" spacing={4}>
          {items.map((item, index) => (
            <List.Item key={index}>{item}</List.Item>
          ))}
        </List>
      )}
      {children}
    </Alert>
  );
}

/**
 * Says plainly what a set of figures cannot tell: instruments without data (unknown, not zero), partial
 * lists (lower bounds, unnamed States unknown) and data older than the date asked for.
 */
export function DataCoverageNote({
  coverage,
  names,
  children,
  mb,
}: {
  coverage: Pick<Coverage, 'instrument' | 'hasData' | 'complete' | 'dataAsOf' | 'stale'>[];
  names: Map<string, string>;
  children?: ReactNode;
  mb?: MantineSpacing;
}) {
  const { t } = useTranslation('status');
  const format = useFormat();
  const list = useListFormat();
  const nameList = (rows: { instrument: string }[]) =>
    list(rows.map((row) => names.get(row.instrument) ?? row.instrument));

  const missing = coverage.filter((row) => !row.hasData);
  const partial = coverage.filter((row) => row.hasData && !row.complete);
  const stale = coverage.filter((row) => row.stale);
  // One sentence per data date; the names are needed only when the instruments do not all share it.
  const staleByDate = new Map<string, typeof stale>();
  for (const row of stale) staleByDate.set(row.dataAsOf ?? '', [...(staleByDate.get(row.dataAsOf ?? '') ?? []), row]);
  const withData = coverage.filter((row) => row.hasData).length;

  const items: ReactNode[] = [];
  if (missing.length > 0) items.push(t('coverage.noData', { count: missing.length, instruments: nameList(missing) }));
  if (partial.length > 0) items.push(t('coverage.partial', { count: partial.length, instruments: nameList(partial) }));
  for (const [date, rows] of [...staleByDate].sort(([a], [b]) => a.localeCompare(b))) {
    items.push(
      rows.length === withData
        ? t('coverage.stale', { date: format.date(date) })
        : t('coverage.staleFor', { date: format.date(date), instruments: nameList(rows) }),
    );
  }
  if (items.length === 0) return null;
  return (
    <DataNotice title={t('coverage.title')} items={items} mb={mb}>
      {children}
    </DataNotice>
  );
}

/** A count that is a lower bound: "≥ 12" to the eye, "at least 12" to a screen reader. */
export function AtLeast({ value }: { value: number | null }) {
  const { t } = useTranslation('status');
  const format = useFormat();
  return (
    <>
      <span aria-hidden="true">{t('coverage.atLeastSymbol', { value: format.number(value) })}</span>
      <span className="visually-hidden">{t('coverage.atLeast', { value: format.number(value) })}</span>
    </>
  );
}
