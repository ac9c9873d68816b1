import { Stack, Table, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import type { StatFigureView, StatQuery } from '../../../shared/schemas/statistics';
import { BarChartFigure } from '../../components/charts';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useStatFigure } from './api';
import { FigureExportMenu } from './figure-export-menu';
import { countText } from './statistics-page';

type Count = StatFigureView['total'];

/** Visited over due, as the page prints it (withheld when either is). */
function shareText(intl: ReturnType<typeof useIntl>, visited: Count, due: Count) {
  if (visited.value === null) return countText(intl, visited);
  if (due.value === null) return countText(intl, due);
  if (due.value === 0) return intl.formatMessage({ id: 'statistics.figures2.shareNotAvailable' });
  return intl.formatNumber(visited.value / due.value, { style: 'percent', maximumFractionDigits: 1 });
}

/** Monitoring: coverage per milestone (cases due, cases visited, the share) drawn as bars, with the table. */
export function MonitoringSection({ filters }: { filters: StatQuery }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const figure = useStatFigure('monitoring-coverage', filters);
  const rows = (f: StatFigureView) => f.rows.map((r) => {
    const due = r.cells?.find((c) => c.key === 'due') ?? { value: null, withheld: null };
    const visited = r.cells?.find((c) => c.key === 'visited') ?? { value: null, withheld: null };
    return { key: r.key, label: t('statistics.monitoring.months', { months: r.key }), due, visited };
  });
  return (
    <SectionCard title="statistics.monitoring.title" actions={<FigureExportMenu figure="monitoring-coverage" query={filters} title={t('statistics.monitoring.coverage.title')} />}>
      <QueryState query={figure} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
        {(f) => (
          <Stack gap="sm">
            <Text size="sm">{t('statistics.monitoring.coverage.description')}</Text>
            <BarChartFigure title={t('statistics.monitoring.coverage.title')} description={t('statistics.monitoring.coverage.description')}
              categoryLabel={t('statistics.monitoring.milestone')}
              series={[{ key: 'share', label: t('statistics.monitoring.share'), color: 'teal.9' }]}
              rows={rows(f).map((r) => ({
                category: r.label,
                values: { share: { value: r.visited.value !== null && r.due.value ? (100 * r.visited.value) / r.due.value : 0, text: shareText(intl, r.visited, r.due) } },
              }))} />
            <Table.ScrollContainer minWidth={360}>
              <Table>
                <Table.Caption>{t('statistics.monitoring.coverage.title')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('statistics.monitoring.milestone')}</Table.Th>
                    <Table.Th scope="col">{t('statistics.monitoring.due')}</Table.Th>
                    <Table.Th scope="col">{t('statistics.monitoring.visited')}</Table.Th>
                    <Table.Th scope="col">{t('statistics.monitoring.share')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows(f).map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Th scope="row">{r.label}</Table.Th>
                      <Table.Td>{countText(intl, r.due)}</Table.Td>
                      <Table.Td>{countText(intl, r.visited)}</Table.Td>
                      <Table.Td>{shareText(intl, r.visited, r.due)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </QueryState>
    </SectionCard>
  );
}
