import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { countAxisProps, startAxisProps } from '../../../lib/chartAxes.ts';

// Loaded on demand (React.lazy): the charting library stays out of the first page's JavaScript.
// Each chart has its text alternative next to it (DashboardFigure): the charts themselves are pictures.

/** Room past the end of the value axis, so the number written after the longest bar is not cut off. */
const AFTER_BARS = 36;

/** Whether the page reads right to left (bars then grow from the right), and whether it is as narrow as a phone. */
function useChartLayout() {
  const { i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const rtl = i18n.dir() === 'rtl';
  // The room for the value after the longest bar is on the side where the bars end.
  return { rtl, phone, afterBars: rtl ? { left: AFTER_BARS } : { right: AFTER_BARS } };
}

/**
 * Delivered and planned activities per type, as horizontal bars. Planned bars are pale with a dashed
 * outline, so the two series differ by more than their colour; each bar is labelled with its value.
 */
export function ActivitiesByTypeChart({
  data,
  deliveredLabel,
  plannedLabel,
  formatNumber,
}: {
  data: { label: string; delivered: number; planned: number }[];
  deliveredLabel: string;
  plannedLabel: string;
  formatNumber: (value: number) => string;
}) {
  const { rtl, phone, afterBars } = useChartLayout();
  return (
    <BarChart
      h={Math.max(260, data.length * 48)}
      data={data}
      dataKey="label"
      orientation="vertical"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      withBarValueLabel
      valueLabelProps={rtl ? { position: 'left' } : undefined}
      valueFormatter={formatNumber}
      yAxisProps={{ width: phone ? 130 : 220, ...startAxisProps(rtl) }}
      xAxisProps={{
        ...countAxisProps(
          data.flatMap((d) => [d.delivered, d.planned]),
          formatNumber,
          rtl,
        ),
        padding: afterBars,
      }}
      series={[
        { name: 'delivered', label: deliveredLabel, color: 'un.7' },
        { name: 'planned', label: plannedLabel, color: 'orange.9' },
      ]}
      barProps={(series) =>
        series.name === 'planned' ? { fillOpacity: 0.25, strokeOpacity: 1, strokeWidth: 2, strokeDasharray: '5 3' } : {}
      }
    />
  );
}

/** One series of counts, one bar per category named on its axis: nothing is told by colour. */
export function CountChart({
  data,
  seriesLabel,
  formatNumber,
  vertical = false,
  color = 'un.7',
}: {
  data: { label: string; value: number }[];
  seriesLabel: string;
  formatNumber: (value: number) => string;
  vertical?: boolean;
  color?: string;
}) {
  const { rtl, phone, afterBars } = useChartLayout();
  const counts = countAxisProps(
    data.map((d) => d.value),
    formatNumber,
    vertical && rtl,
  );
  return (
    <BarChart
      h={vertical ? Math.max(200, data.length * 40) : 260}
      data={data}
      dataKey="label"
      orientation={vertical ? 'vertical' : 'horizontal'}
      withBarValueLabel
      valueLabelProps={vertical && rtl ? { position: 'left' } : undefined}
      valueFormatter={formatNumber}
      yAxisProps={{
        ...(vertical ? { width: phone ? 120 : 180 } : { ...counts, padding: { top: 20 } }),
        ...startAxisProps(rtl),
      }}
      xAxisProps={vertical ? { ...counts, padding: afterBars } : { reversed: rtl }}
      series={[{ name: 'value', label: seriesLabel, color }]}
    />
  );
}
