import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useLocale } from '../../lib/locale';
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
  const titleId = useId();
  const descriptionId = useId();
  const rtl = dir === 'rtl';
  const data = rows.map((r) => ({ category: r.category, ...Object.fromEntries(series.map((s) => [s.key, r.values[s.key]?.value ?? null])) }));
  return (
    <Box component="figure" m={0} aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined}>
      <Text component="figcaption" fw={600} id={titleId}>{title}</Text>
      {description && <Text size="sm" c="dimmed" id={descriptionId}>{description}</Text>}
      {/* Drawn only: inert keeps the drawing out of the tab order and the accessibility tree. */}
      <Box aria-hidden="true" inert mt="sm" dir="ltr">
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
      </Box>
      <VisuallyHidden>
        <Table>
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{categoryLabel}</Table.Th>
              {series.map((s) => <Table.Th scope="col" key={s.key}>{s.label}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.category}>
                <Table.Th scope="row">{r.category}</Table.Th>
                {series.map((s) => <Table.Td key={s.key}>{r.values[s.key]?.text ?? ''}</Table.Td>)}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Box>
  );
}
