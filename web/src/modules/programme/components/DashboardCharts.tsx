import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';

// Loaded on demand (React.lazy): the charting library stays out of the first page's JavaScript.
// Each chart has its text alternative next to it (DashboardFigure): the charts themselves are pictures.

/** Room past the end of the value axis, so the number written after the longest bar is not cut off. */
const AFTER_BARS = 36;

/**
 * Delivered and planned activities per type, as horizontal bars. Planned bars are pale with a dashed
 * outline, so the two series differ by more than their colour; each bar is labelled with its value.
 */
export function ActivitiesByTypeChart({ data, deliveredLabel, plannedLabel, formatNumber }: {
  data: { label: string; delivered: number; planned: number }[]; deliveredLabel: string; plannedLabel: string; formatNumber: (value: number) => string;
}) {
  return (
    <BarChart
      h={Math.max(260, data.length * 48)}
      data={data}
      dataKey="label"
      orientation="vertical"
      withLegend
      withBarValueLabel
      valueFormatter={formatNumber}
      yAxisProps={{ width: 220 }}
      xAxisProps={{ padding: { right: AFTER_BARS } }}
      series={[
        { name: 'delivered', label: deliveredLabel, color: 'un.7' },
        { name: 'planned', label: plannedLabel, color: 'orange.9' },
      ]}
      barProps={(series) => (series.name === 'planned' ? { fillOpacity: 0.25, strokeOpacity: 1, strokeWidth: 2, strokeDasharray: '5 3' } : {})}
    />
  );
}

/** One series of counts, one bar per category named on its axis: nothing is told by colour. */
export function CountChart({ data, seriesLabel, formatNumber, vertical = false, color = 'un.7' }: {
  data: { label: string; value: number }[]; seriesLabel: string; formatNumber: (value: number) => string; vertical?: boolean; color?: string;
}) {
  return (
    <BarChart
      h={vertical ? Math.max(200, data.length * 40) : 260}
      data={data}
      dataKey="label"
      orientation={vertical ? 'vertical' : 'horizontal'}
      withBarValueLabel
      valueFormatter={formatNumber}
      yAxisProps={vertical ? { width: 180 } : { padding: { top: 20 } }}
      xAxisProps={vertical ? { padding: { right: AFTER_BARS } } : undefined}
      series={[{ name: 'value', label: seriesLabel, color }]}
    />
  );
}
