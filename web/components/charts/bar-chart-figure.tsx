import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useIntl } from 'react-intl';
import { useLocale } from '../../lib/locale';
import { ChartFrame } from './chart-frame';
import type { BarChartFigureProps } from './types';

/**
 * Grouped bars drawn with `@mantine/charts` (Recharts underneath). The drawing is hidden from
 * assistive technology: the figure is named by its title and described by its description, and
 * the same figures follow as a real table (caption, column and row headers), visually hidden, with
 * the exact values as the page formats them. Right to left, the category axis runs from the right
 * and the value axis stands on the right.
 */
export default function BarChartFigure({ title, description, categoryLabel, series, rows, height = 280 }: BarChartFigureProps) {
  const intl = useIntl();
  const { dir } = useLocale();
  const rtl = dir === 'rtl';
  const data = rows.map((r) => ({ category: r.category, ...Object.fromEntries(series.map((s) => [s.key, r.values[s.key]?.value ?? 0])) }));
  return (
    <ChartFrame title={title} description={description} categoryLabel={categoryLabel} series={series} rows={rows}>
      <BarChart
        h={height}
        data={data}
        dataKey="category"
        series={series.map((s) => ({ name: s.key, label: s.label, color: s.color }))}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        valueFormatter={(v) => intl.formatNumber(v)}
        xAxisProps={{ reversed: rtl }}
        yAxisProps={{ orientation: rtl ? 'right' : 'left' }}
        textColor="gray.8"
        tooltipAnimationDuration={0}
        withTooltip={false}
        accessibilityLayer={false}
        barProps={{ isAnimationActive: false }}
      />
    </ChartFrame>
  );
}
