import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';

// Loaded on demand (React.lazy): the charting library stays out of the first page's JavaScript.

export function CumulativeChart({ data, partiesLabel, signatoriesLabel }: { data: { year: number; parties: number; signatories: number }[]; partiesLabel: string; signatoriesLabel: string }) {
  return (
    <LineChart
      h={280}
      data={data}
      dataKey="year"
      withLegend
      curveType="linear"
      withDots={false}
      series={[
        { name: 'parties', label: partiesLabel, color: 'un.7' },
        { name: 'signatories', label: signatoriesLabel, color: 'orange.8' },
      ]}
    />
  );
}

export function CompareChart({ data, fromLabel, toLabel }: { data: { name: string; atFrom: number; newParties: number }[]; fromLabel: string; toLabel: string }) {
  return (
    <BarChart
      h={Math.max(240, data.length * 34)}
      data={data}
      dataKey="name"
      orientation="vertical"
      type="stacked"
      withLegend
      yAxisProps={{ width: 200 }}
      series={[
        { name: 'atFrom', label: fromLabel, color: 'un.7' },
        { name: 'newParties', label: toLabel, color: 'teal.7' },
      ]}
    />
  );
}
