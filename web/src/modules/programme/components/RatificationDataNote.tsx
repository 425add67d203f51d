import type { MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Indicators } from '../funding.api.ts';
import { useFormat } from '../../../lib/format.ts';
import { DataNotice, useListFormat } from '../../status/components/DataCoverageNote.tsx';
import { useInstruments } from '../../status/status.api.ts';

/**
 * What a ratification figure leaves out: ratifications are counted only over instruments with the
 * depositary's complete list, so those without data or with a partial list are named, and data older
 * than the period are dated. Nothing is shown when the figure covers everything.
 */
export function RatificationDataNote({ data, mt }: { data: Indicators['ratificationData']; mt?: MantineSpacing }) {
  const { t } = useTranslation('funding');
  const format = useFormat();
  const list = useListFormat();
  const instruments = useInstruments();
  const nameOf = new Map((instruments.data?.items ?? []).map((i) => [i.id, i.shortName]));
  const names = (ids: string[]) => list(ids.map((id) => nameOf.get(id) ?? id));

  const items: ReactNode[] = [];
  const leftOut = data.instrumentsWithoutData.length + data.instrumentsWithPartialData.length;
  if (leftOut > 0 && data.instrumentsCounted.length > 0)
    items.push(t('dashboard.ratificationData.counted', { count: data.instrumentsCounted.length }));
  if (data.instrumentsWithoutData.length > 0)
    items.push(t('dashboard.ratificationData.noData', { instruments: names(data.instrumentsWithoutData) }));
  if (data.instrumentsWithPartialData.length > 0)
    items.push(t('dashboard.ratificationData.partial', { instruments: names(data.instrumentsWithPartialData) }));
  if (data.stale) {
    const all = data.staleInstruments.length === data.instrumentsCounted.length;
    items.push(
      all
        ? t('dashboard.ratificationData.stale', { date: format.date(data.dataAsOf) })
        : t('dashboard.ratificationData.staleFor', {
            date: format.date(data.dataAsOf),
            instruments: names(data.staleInstruments),
          }),
    );
  }
  return <DataNotice title={t('dashboard.ratificationData.title')} items={items} mt={mt} />;
}
