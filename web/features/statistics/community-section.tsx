import { Stack, Table, Text } from '@mantine/core';
import { useIntl } from 'react-intl';
import { COMMUNITY_MEASURES, type StatFigureView, type StatQuery } from '../../../shared/schemas/statistics';
import { BarChartFigure } from '../../components/charts';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useStatFigure } from './api';
import { FigureExportMenu } from './figure-export-menu';
import { countText } from './statistics-page';

type Measure = (typeof COMMUNITY_MEASURES)[number];
const NONE = { value: null, withheld: null };

/**
 * Community projects by status: the projects drawn as bars, and the table of projects, beneficiaries
 * by group and sex and returnees' cases linked (withheld counts as elsewhere), with the column totals.
 * The section says which of the dashboard's filters apply to it.
 */
export function CommunitySection({ filters }: { filters: StatQuery }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const figure = useStatFigure('community-projects', filters);
  const heading = (m: Measure) => (m === 'projects' ? t('statistics.community.projects') : m === 'linked' ? t('statistics.community.linked') : t(`community.beneficiaries.${m}`));
  const cell = (r: { cells?: StatFigureView['rows'][number]['cells'] }, m: Measure) => r.cells?.find((c) => c.key === m) ?? NONE;
  return (
    <SectionCard title="statistics.community.title" actions={<FigureExportMenu figure="community-projects" query={filters} title={t('statistics.export.figure.community-projects')} />}>
      <Text size="sm">{t('statistics.community.filtersApply')}</Text>
      <QueryState query={figure} empty="statistics.none" isEmpty={(f) => (f.columns ?? []).every((c) => c.value === 0)}>
        {(f) => (
          <Stack gap="sm">
            <Text size="sm">{t('statistics.community.description')}</Text>
            <BarChartFigure title={t('statistics.export.figure.community-projects')} description={t('statistics.community.description')}
              categoryLabel={t('statistics.community.status')}
              series={[{ key: 'projects', label: t('statistics.community.projects'), color: 'orange.9' }]}
              rows={f.rows.map((r) => ({ category: t(`community.status.${r.key}`), values: { projects: { value: cell(r, 'projects').value ?? 0, text: countText(intl, cell(r, 'projects')) } } }))} />
            <Table.ScrollContainer minWidth={720}>
              <Table>
                <Table.Caption>{t('statistics.export.figure.community-projects')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('statistics.community.status')}</Table.Th>
                    {COMMUNITY_MEASURES.map((m) => <Table.Th scope="col" key={m}>{heading(m)}</Table.Th>)}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.rows.map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Th scope="row">{t(`community.status.${r.key}`)}</Table.Th>
                      {COMMUNITY_MEASURES.map((m) => <Table.Td key={m}>{countText(intl, cell(r, m))}</Table.Td>)}
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Th scope="row">{t('statistics.totalLabel')}</Table.Th>
                    {COMMUNITY_MEASURES.map((m) => <Table.Td key={m}>{countText(intl, f.columns?.find((c) => c.key === m) ?? NONE)}</Table.Td>)}
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </QueryState>
    </SectionCard>
  );
}
