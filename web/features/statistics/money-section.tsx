import { SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { COST_MEDIAN_KEY, NONE_KEY, VULNERABLE_ANY_KEY, type StatFigure, type StatFigureView, type StatQuery } from '../../../shared/schemas/statistics';
import { BarChartFigure } from '../../components/charts';
import { formatAmount } from '../../components/money-input';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useStatFigure } from './api';
import { FigureExportMenu } from './figure-export-menu';
import { countText } from './statistics-page';

type Cell = StatFigureView['total'];
type Grouping = 'money-projects' | 'money-donors' | 'money-budget-lines';

/**
 * Reintegration: cases with an approved plan by component type (bars, and the table as text),
 * the amounts planned, committed and disbursed per project, donor or budget line (a column per
 * measure and currency, never added across currencies), and the cost per case per currency
 * (median and distribution). Money is formatted with its currency's ISO exponent.
 */
export function MoneySection({ filters }: { filters: StatQuery }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const [grouping, setGrouping] = useState<Grouping>('money-projects');
  const types = useStatFigure('reintegration-components', filters);
  const amounts = useStatFigure(grouping, filters);
  const cost = useStatFigure('cost-per-case', filters);
  const typeLabel = (k: string) => (k === VULNERABLE_ANY_KEY ? t('statistics.money.anyPlan') : t(`reintegration.componentType.${k}`));
  const money = (c: Cell, currency: string) => (c.value === null ? countText(intl, c) : formatAmount(intl, c.value, currency));
  const columnLabel = (key: string) => {
    const [measure, currency] = key.split(':') as [string, string];
    return `${t(`statistics.money.${measure}`)} (${currency})`;
  };
  const groupLabel = (f: StatFigureView, k: string) => (k === NONE_KEY ? t('statistics.money.none') : f.labels?.[k] ?? k);
  const exportMenu = (figure: StatFigure) => <FigureExportMenu figure={figure} query={filters} />;
  return (
    <Stack gap="md">
      <Title order={2}>{t('statistics.money.title')}</Title>
      <SectionCard title="statistics.money.componentsTitle" actions={exportMenu('reintegration-components')}>
        <QueryState query={types} empty="statistics.none" isEmpty={(f) => f.rows.every((r) => r.value === 0)}>
          {(f) => (
            <Stack gap="sm">
              <Text size="sm">{t('statistics.money.componentsDescription')}</Text>
              <BarChartFigure title={t('statistics.money.componentsTitle')} description={t('statistics.money.componentsDescription')}
                categoryLabel={t('statistics.money.componentType')}
                series={[{ key: 'cases', label: t('statistics.money.cases'), color: 'teal.9' }]}
                rows={f.rows.map((r) => ({ category: typeLabel(r.key), values: { cases: { value: r.value ?? 0, text: countText(intl, r) } } }))} />
              <Table.ScrollContainer minWidth={360}>
                <Table>
                  <Table.Caption>{t('statistics.money.componentsTitle')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr><Table.Th scope="col">{t('statistics.money.componentType')}</Table.Th><Table.Th scope="col">{t('statistics.money.cases')}</Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {f.rows.map((r) => (
                      <Table.Tr key={r.key}><Table.Th scope="row">{typeLabel(r.key)}</Table.Th><Table.Td>{countText(intl, r)}</Table.Td></Table.Tr>
                    ))}
                    <Table.Tr><Table.Th scope="row">{t('statistics.money.allCases')}</Table.Th><Table.Td>{countText(intl, f.total)}</Table.Td></Table.Tr>
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </QueryState>
      </SectionCard>
      <SectionCard title="statistics.money.amountsTitle" actions={exportMenu(grouping)}>
        <Stack gap="sm">
          <Text size="sm">{t('statistics.money.amountsDescription')}</Text>
          <SegmentedControl aria-label={t('statistics.money.groupBy')} value={grouping} onChange={(v) => setGrouping(v as Grouping)}
            data={[{ value: 'money-projects', label: t('statistics.money.project') }, { value: 'money-donors', label: t('statistics.money.donor') },
              { value: 'money-budget-lines', label: t('statistics.money.budgetLine') }]} />
          <QueryState query={amounts} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => (
              <Table.ScrollContainer minWidth={480}>
                <Table data-testid="money-amounts">
                  <Table.Caption>{t('statistics.money.amountsTitle')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t(`statistics.money.${grouping === 'money-projects' ? 'project' : grouping === 'money-donors' ? 'donor' : 'budgetLine'}`)}</Table.Th>
                      {(f.columns ?? []).map((c) => <Table.Th scope="col" key={c.key}>{columnLabel(c.key)}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {f.rows.map((r) => (
                      <Table.Tr key={r.key}>
                        <Table.Th scope="row">{groupLabel(f, r.key)}</Table.Th>
                        {(r.cells ?? []).map((c) => <Table.Td key={c.key}>{money(c, c.key.split(':')[1]!)}</Table.Td>)}
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Th scope="row">{t('statistics.money.total')}</Table.Th>
                      {(f.columns ?? []).map((c) => <Table.Td key={c.key}>{money(c, c.key.split(':')[1]!)}</Table.Td>)}
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </QueryState>
        </Stack>
      </SectionCard>
      <SectionCard title="statistics.money.costTitle" actions={exportMenu('cost-per-case')}>
        <QueryState query={cost} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
          {(f) => (
            <Stack gap="sm">
              <Text size="sm">{t('statistics.money.costDescription')}</Text>
              <Table.ScrollContainer minWidth={480}>
                <Table>
                  <Table.Caption>{t('statistics.money.costTitle')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('statistics.money.currency')}</Table.Th>
                      <Table.Th scope="col">{t('statistics.money.cases')}</Table.Th>
                      <Table.Th scope="col">{t('statistics.money.median')}</Table.Th>
                      {(f.rows[0]?.cells ?? []).filter((c) => c.key !== COST_MEDIAN_KEY).map((c) => (
                        <Table.Th scope="col" key={c.key}>{t('statistics.money.bucket', { amount: intl.formatNumber(Number(c.key)) })}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {f.rows.map((r) => (
                      <Table.Tr key={r.key}>
                        <Table.Th scope="row">{r.key}</Table.Th>
                        <Table.Td>{countText(intl, r)}</Table.Td>
                        {(r.cells ?? []).map((c) => <Table.Td key={c.key}>{c.key === COST_MEDIAN_KEY ? money(c, r.key) : countText(intl, c)}</Table.Td>)}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )}
        </QueryState>
      </SectionCard>
    </Stack>
  );
}
