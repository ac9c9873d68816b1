import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import type { BarChartFigureProps } from './types';

/**
 * The accessible frame every chart shares: a figure named by its title and described by its
 * description, the drawing (`children`) hidden from assistive technology and kept out of the tab
 * order, and the same figures as a real table (caption, column and row headers), visually hidden,
 * with the exact values as the page formats them.
 */
export function ChartFrame({ title, description, categoryLabel, series, rows, children }: Omit<BarChartFigureProps, 'height'> & { children: ReactNode }) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <Box component="figure" m={0} aria-labelledby={titleId} aria-describedby={description ? descriptionId : undefined}>
      <Text component="figcaption" fw={600} id={titleId}>{title}</Text>
      {description && <Text size="sm" c="dimmed" id={descriptionId}>{description}</Text>}
      {/* Drawn only: inert keeps the drawing out of the tab order and the accessibility tree. */}
      <Box aria-hidden="true" inert mt="sm" dir="ltr">
        {children}
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
