import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { useIntl } from 'react-intl';
import { useLocale } from '../../lib/locale';
import { ChartFrame } from './chart-frame';
import type { LineChartFigureProps } from './types';

/**
 * Lines across ordered categories (rounds, dates) drawn with `@mantine/charts` (Recharts
 * underneath), in the same accessible style as the bar chart; a value missing in a row leaves a
 * gap in its line (never drawn as 0) and an empty cell in the table. The drawing is hidden from
 * assistive technology: the figure is named by its title and described by its description, and
 * the same figures follow as a real table (caption, column and row headers), visually hidden, with
 * the exact values as the page formats them. Right to left, the category axis runs from the right
 * and the value axis stands on the right.
 */
export default function LineChartFigure({ title, description, categoryLabel, series, rows, height = 280, yDomain }: LineChartFigureProps) {
  const intl = useIntl();
  const { dir } = useLocale();
  const rtl = dir === 'rtl';
  const data = rows.map((r) => ({ category: r.category, ...Object.fromEntries(series.map((s) => [s.key, r.values[s.key]?.value ?? null])) }));
  return (
    <ChartFrame title={title} description={description} categoryLabel={categoryLabel} series={series} rows={rows}>
      <LineChart
        h={height}
        data={data}
        dataKey="category"
        series={series.map((s) => ({ name: s.key, label: s.label, color: s.color }))}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        valueFormatter={(v) => intl.formatNumber(v, { maximumFractionDigits: 4 })}
        xAxisProps={{ reversed: rtl }}
        textColor="gray.8"
        tooltipAnimationDuration={0}
        withTooltip={false}
        accessibilityLayer={false}
        lineProps={{ isAnimationActive: false }}
        yAxisProps={{ orientation: rtl ? 'right' : 'left', domain: yDomain }}
        curveType="linear"
        connectNulls={false}
      />
    </ChartFrame>
  );
}
