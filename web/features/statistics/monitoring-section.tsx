import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { countryName } from '../../../shared/reference/countries';
import { isLocale } from '../../../shared/reference/locale';
import type { ScoreSummaryView } from '../../../shared/schemas/monitoring-programme';
import type { StatFigureView, StatQuery } from '../../../shared/schemas/statistics';
import { api } from '../../lib/api';
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

/**
 * Sustainability scores per country of return, small groups withheld for statistics-only viewers;
 * the filters that apply: origin country and region (the country of return), project and donor
 * (the table says the others do not).
 */
function useScores(filters: StatQuery) {
  const params = new URLSearchParams({ groupBy: 'country' });
  if (filters.originCountry) params.set('country', filters.originCountry);
  if (filters.originRegion) params.set('originRegion', filters.originRegion);
  if (filters.projectId) params.set('projectId', filters.projectId);
  if (filters.donor) params.set('donor', filters.donor);
  return useQuery({ queryKey: ['statistics', 'sustainability-scores', params.toString()] as const, queryFn: () => api.get<ScoreSummaryView>(`/api/statistics/sustainability-scores?${params.toString()}`) });
}

function ScoresTable({ filters }: { filters: StatQuery }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const short = intl.locale.slice(0, 2);
  const locale = isLocale(short) ? short : 'en';
  const scores = useScores(filters);
  const withheld = t('statistics.withheldSmall');
  return (
    <QueryState query={scores} empty="statistics.none" isEmpty={(v) => v.groups.length === 0}>
      {(v) => (
        <Stack gap="xs">
          <Title order={3}>{t('statistics.monitoring.scores.title')}</Title>
          <Text size="sm">{t('statistics.monitoring.scores.description')}</Text>
          <Text size="sm">{t('statistics.monitoring.scores.filtersApply')}</Text>
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Caption>{t('statistics.monitoring.scores.title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('statistics.originCountry')}</Table.Th>
                  <Table.Th scope="col">{t('statistics.monitoring.scores.scored')}</Table.Th>
                  {v.dimensions.map((d) => <Table.Th key={d} scope="col">{t(`statistics.monitoring.scores.${d}`)}</Table.Th>)}
                  <Table.Th scope="col">{t('statistics.monitoring.scores.composite')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.groups.map((g) => (
                  <Table.Tr key={g.key ?? ''}>
                    <Table.Th scope="row">{g.key ? countryName(g.key, locale) : t('statistics.unknown')}</Table.Th>
                    <Table.Td>{g.count === null ? withheld : intl.formatNumber(g.count)}</Table.Td>
                    {v.dimensions.map((d) => {
                      const s = g.dimensions.find((x) => x.key === d);
                      return <Table.Td key={d}>{g.suppressed ? withheld : `${s?.mean ?? '–'} / ${s?.median ?? '–'}`}</Table.Td>;
                    })}
                    <Table.Td>{g.suppressed ? withheld : `${g.composite?.mean ?? '–'} / ${g.composite?.median ?? '–'}`}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </QueryState>
  );
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
      <ScoresTable filters={filters} />
    </SectionCard>
  );
}
