import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { countAxisProps, startAxisProps } from '../../../lib/chartAxes.ts';
import { useFormat } from '../../../lib/format.ts';

// Loaded on demand (React.lazy): the charting library stays out of the first page's JavaScript.
// In Arabic the charts are mirrored: time and bars run from the right, the vertical axis is on the right.

/** Whether the page reads right to left, and whether it is as narrow as a phone. */
function useChartLayout() {
  const { i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  return { rtl: i18n.dir() === 'rtl', phone };
}

export function CumulativeChart({
  data,
  partiesLabel,
  signatoriesLabel,
}: {
  data: { year: number; parties: number; signatories: number }[];
  partiesLabel: string;
  signatoriesLabel: string;
}) {
  const format = useFormat();
  const { rtl, phone } = useChartLayout();
  return (
    <LineChart
      h={phone ? 240 : 280}
      data={data}
      dataKey="year"
      withLegend
      // Below the chart the legend has the whole width to wrap in; above it, it covered the top of the lines.
      legendProps={{ verticalAlign: 'bottom' }}
      curveType="linear"
      withDots={false}
      valueFormatter={format.number}
      xAxisProps={{ reversed: rtl, minTickGap: phone ? 12 : 5 }}
      yAxisProps={{
        ...countAxisProps(
          data.flatMap((p) => [p.parties, p.signatories]),
          format.number,
        ),
        width: 44,
        ...startAxisProps(rtl),
      }}
      series={[
        { name: 'parties', label: partiesLabel, color: 'un.7' },
        { name: 'signatories', label: signatoriesLabel, color: 'orange.8' },
      ]}
    />
  );
}

export function CompareChart({
  data,
  fromLabel,
  toLabel,
}: {
  data: { name: string; atFrom: number; newParties: number }[];
  fromLabel: string;
  toLabel: string;
}) {
  const format = useFormat();
  const { rtl, phone } = useChartLayout();
  return (
    <BarChart
      h={Math.max(240, data.length * (phone ? 44 : 34))}
      data={data}
      dataKey="name"
      orientation="vertical"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      valueFormatter={format.number}
      xAxisProps={countAxisProps(
        data.map((d) => d.atFrom + d.newParties),
        format.number,
        rtl,
      )}
      yAxisProps={{ width: phone ? 130 : 200, ...startAxisProps(rtl) }}
      series={[
        { name: 'atFrom', label: fromLabel, color: 'un.7' },
        { name: 'newParties', label: toLabel, color: 'teal.7' },
      ]}
    />
  );
}
