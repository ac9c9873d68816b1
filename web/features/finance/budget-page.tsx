import { Button, NativeSelect, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSearchParams } from 'react-router';
import { toDecimalString } from '../../../shared/money';
import type { BudgetLineView, BudgetPictureLine, ProjectBudgetView } from '../../../shared/schemas/finance';
import { BarChartFigure, type ChartColour } from '../../components/charts';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { formatAmount } from '../../components/money-input';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useSession } from '../../lib/session';
import { useFinanceProjects, useProjectBudget } from './api';
import { BudgetLineModal } from './budget-line-modal';

const MEASURES: { key: 'amountMinor' | 'plannedMinor' | 'committedMinor' | 'disbursedMinor' | 'remainingMinor'; id: string; color: ChartColour }[] = [
  { key: 'amountMinor', id: 'finance.budget.budget', color: 'blue.8' },
  { key: 'plannedMinor', id: 'finance.budget.planned', color: 'grape.8' },
  { key: 'committedMinor', id: 'finance.budget.committed', color: 'orange.9' },
  { key: 'disbursedMinor', id: 'finance.budget.disbursed', color: 'teal.9' },
  { key: 'remainingMinor', id: 'finance.budget.remaining', color: 'gray.7' },
];
type DonorTotal = ProjectBudgetView['donors'][number];

/** Budgets: a project's budget lines with what is committed, disbursed and remaining, and a chart of them. */
export function BudgetPage() {
  const intl = useIntl();
  const projects = useFinanceProjects();
  const [params, setParams] = useSearchParams();
  const projectId = params.get('project') ?? projects.data?.[0]?.id ?? null;
  const budget = useProjectBudget(projectId);
  return (
    <Stack>
      <PageTitle id="finance.budget.title" />
      <QueryState query={projects} empty="finance.budget.noProjects" isEmpty={(list) => list.length === 0}>
        {(list) => (
          <NativeSelect
            label={intl.formatMessage({ id: 'finance.budget.project' })}
            data={list.map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))}
            value={projectId ?? ''}
            onChange={(e) => setParams({ project: e.currentTarget.value })}
            maw={480}
          />
        )}
      </QueryState>
      {projectId && (
        <QueryState query={budget} errorScope="finance">
          {(data) => <ProjectBudget data={data} />}
        </QueryState>
      )}
    </Stack>
  );
}

function ProjectBudget({ data }: { data: ProjectBudgetView }) {
  const intl = useIntl();
  const { can } = useSession();
  const manage = can('finance.manage');
  const [dialog, setDialog] = useState<{ line: BudgetLineView | null } | null>(null);
  const money = (minor: number, currency: string) => <span className="ltr-value">{formatAmount(intl, minor, currency)}</span>;
  const columns: DataColumn<BudgetPictureLine>[] = [
    { id: 'code', header: 'finance.budget.code', nowrap: true, cell: (l) => <span className="ltr-value">{l.code}</span> },
    { id: 'name', header: 'finance.budget.name', cell: (l) => <bdi>{l.name}</bdi> },
    {
      id: 'componentTypes',
      header: 'finance.budget.componentTypes',
      cell: (l) => l.componentTypes.map((c) => intl.formatMessage({ id: `reintegration.componentType.${c}` })).join(', '),
    },
    { id: 'donor', header: 'finance.budget.donor', cell: (l) => <bdi>{l.donor}</bdi> },
    { id: 'budget', header: 'finance.budget.budget', nowrap: true, cell: (l) => money(l.amountMinor, l.currency) },
    {
      id: 'planned',
      header: 'finance.budget.planned',
      nowrap: true,
      cell: (l) => (
        <Stack gap={0}>
          {money(l.plannedMinor, l.currency)}
          {l.plannedUnconverted > 0 && <Text size="xs"><FormattedMessage id="finance.budget.plannedUnconverted" values={{ count: l.plannedUnconverted }} /></Text>}
        </Stack>
      ),
    },
    { id: 'committed', header: 'finance.budget.committed', nowrap: true, cell: (l) => money(l.committedMinor, l.currency) },
    { id: 'disbursed', header: 'finance.budget.disbursed', nowrap: true, cell: (l) => money(l.disbursedMinor, l.currency) },
    {
      id: 'remaining',
      header: 'finance.budget.remaining',
      nowrap: true,
      cell: (l) => (l.remainingMinor < 0 ? <Text span c="red.9" fw={600}>{money(l.remainingMinor, l.currency)}</Text> : money(l.remainingMinor, l.currency)),
    },
  ];
  const currencies = [...new Set(data.lines.map((l) => l.currency))];
  const donorColumns: DataColumn<DonorTotal>[] = [
    { id: 'donor', header: 'finance.budget.donor', cell: (d) => <bdi>{d.donor}</bdi> },
    ...MEASURES.map((m) => ({ id: m.key, header: m.id, nowrap: true, cell: (d: DonorTotal) => money(d[m.key], d.currency) })),
  ];
  return (
    <Stack>
      <SectionCard
        title="finance.budget.lines"
        values={{ project: data.project.code }}
        actions={manage ? (
          <Button onClick={() => setDialog({ line: null })}><FormattedMessage id="finance.budget.add" /></Button>
        ) : undefined}
      >
        <DataTable
          columns={columns}
          rows={data.lines}
          rowKey={(l) => l.id}
          empty="finance.budget.none"
          emptyWithoutTable
          caption={<FormattedMessage id="finance.budget.caption" values={{ count: data.lines.length, project: <bdi>{data.project.name}</bdi> }} />}
          rowActions={manage ? (l) => (
            <Button size="compact-sm" variant="light" onClick={() => setDialog({ line: l })}>
              <FormattedMessage id="finance.budget.edit" values={{ code: <bdi>{l.code}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
            </Button>
          ) : undefined}
        />
      </SectionCard>
      {data.lines.length > 0 && (
        <SectionCard title="finance.budget.chart">
          <Stack gap="xl">
            {currencies.map((currency) => (
              <BarChartFigure
                key={currency}
                title={intl.formatMessage({ id: 'finance.budget.chartTitle' }, { currency })}
                description={intl.formatMessage({ id: 'finance.budget.chartDescription' }, { currency })}
                categoryLabel={intl.formatMessage({ id: 'finance.budget.line' })}
                series={MEASURES.map((m) => ({ key: m.key, label: intl.formatMessage({ id: m.id }), color: m.color }))}
                rows={data.lines.filter((l) => l.currency === currency).map((l) => ({
                  category: l.code,
                  values: Object.fromEntries(MEASURES.map((m) => [m.key, {
                    // Drawn only: the exact amounts are in the tables.
                    value: Number(toDecimalString(l[m.key], currency)),
                    text: formatAmount(intl, l[m.key], currency),
                  }])),
                }))}
              />
            ))}
          </Stack>
        </SectionCard>
      )}
      {data.donors.length > 0 && (
        <SectionCard title="finance.budget.donors">
          <DataTable
            columns={donorColumns}
            rows={data.donors}
            rowKey={(d) => `${d.donor}-${d.currency}`}
            empty="finance.budget.none"
            caption={<FormattedMessage id="finance.budget.donorsCaption" values={{ project: <bdi>{data.project.name}</bdi> }} />}
          />
        </SectionCard>
      )}
      {dialog && <BudgetLineModal project={data.project} line={dialog.line} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
