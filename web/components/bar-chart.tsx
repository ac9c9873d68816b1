import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useLocale } from '../lib/locale';

export interface BarDatum {
  key: string;
  label: string;
  value: number;
  color?: string;
}

interface BarChartProps {
  title: string;
  data: BarDatum[];
  /** Header of the label column in the table version. */
  categoryLabel: string;
  valueLabel: string;
}

const WIDTH = 640;
const ROW = 28;
const BAR = 18;
const LABEL_WIDTH = 210;
const VALUE_WIDTH = 56;
const PAD = 8;

/**
 * Horizontal bars (long stage names stay readable, also in French and Arabic). The drawing is
 * decorative for assistive technology: the same figures are in a table, hidden visually unless
 * the user asks to see it, so a screen reader reads a real table with headers.
 */
export function BarChart({ title, data, categoryLabel, valueLabel }: BarChartProps) {
  const intl = useIntl();
  const { dir } = useLocale();
  const [showTable, setShowTable] = useState(false);
  const titleId = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - PAD * 2;
  const height = Math.max(ROW, data.length * ROW) + PAD;
  // Mirror x for right-to-left: labels on the right, bars growing leftwards.
  const x = (value: number) => (dir === 'rtl' ? WIDTH - value : value);
  const anchor = (a: 'start' | 'end') => (dir === 'rtl' ? (a === 'start' ? 'end' : 'start') : a);

  const table = (
    <Table withTableBorder striped>
      <Table.Caption>{title}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{categoryLabel}</Table.Th>
          <Table.Th scope="col">{valueLabel}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.map((d) => (
          <Table.Tr key={d.key}>
            <Table.Th scope="row" fw={400}>
              {d.label}
            </Table.Th>
            <Table.Td>{intl.formatNumber(d.value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );

  return (
    <figure className="bar-chart" style={{ margin: 0 }} aria-labelledby={titleId}>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Text component="figcaption" id={titleId} fw={600}>
          {title}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => setShowTable((v) => !v)}
          aria-expanded={showTable}
        >
          <FormattedMessage id={showTable ? 'chart.showChart' : 'chart.showTable'} />
        </Button>
      </Group>
      {showTable ? (
        table
      ) : (
        <>
          <svg
            viewBox={`0 0 ${WIDTH} ${height}`}
            aria-hidden="true"
            focusable="false"
            style={{ direction: 'ltr' }}
          >
            {data.map((d, i) => {
              const y = PAD / 2 + i * ROW;
              const length = (d.value / max) * barSpace;
              const barStart = LABEL_WIDTH + PAD;
              const barX = dir === 'rtl' ? x(barStart + length) : barStart;
              return (
                <g key={d.key}>
                  <text
                    className="bar-label"
                    x={x(LABEL_WIDTH)}
                    y={y + ROW / 2}
                    dominantBaseline="middle"
                    textAnchor={anchor('end')}
                  >
                    {d.label}
                  </text>
                  <rect
                    x={barX}
                    y={y + (ROW - BAR) / 2}
                    width={Math.max(d.value > 0 ? 2 : 0, length)}
                    height={BAR}
                    rx={3}
                    fill={`var(--mantine-color-${d.color ?? 'indigo'}-6)`}
                  />
                  <text
                    className="bar-value"
                    x={x(barStart + length + 6)}
                    y={y + ROW / 2}
                    dominantBaseline="middle"
                    textAnchor={anchor('start')}
                  >
                    {intl.formatNumber(d.value)}
                  </text>
                </g>
              );
            })}
          </svg>
          <VisuallyHidden>{table}</VisuallyHidden>
        </>
      )}
    </figure>
  );
}
