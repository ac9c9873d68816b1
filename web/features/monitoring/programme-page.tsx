import { Group, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring';
import { DIMENSIONS, type Dimension } from '../../../shared/schemas/monitoring';
import { SCORE_GROUPINGS, type ScoreGrouping, type ScoreSummaryGroup, type ScoreSummaryView } from '../../../shared/schemas/monitoring-programme';
import { BarChartFigure, type ChartSeries } from '../../components/charts';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useCountries } from '../../lib/reference';
import { useScoreFormat } from './labels';
import { useScoreSummary, type ScoreSummaryFilters } from './programme-api';

/** "Reintegration sustainability survey, version 2": the built-in instrument named in the user's language. */
function useVersionName() {
  const intl = useIntl();
  return (v: { instrumentKey: string; instrumentName: string; number: number }) => intl.formatMessage({ id: 'monitoring.programme.versionOption' }, {
    name: v.instrumentKey === DEFAULT_INSTRUMENT_KEY ? intl.formatMessage({ id: 'monitoring.instrument.builtinName' }) : v.instrumentName, number: v.number,
  });
}

const COLOURS = { economic: 'blue.8', social: 'orange.9', psychosocial: 'teal.9', composite: 'grape.8' } as const;

/**
 * The programme's view of sustainability: returnees scored and mean scores per country of return,
 * project or arrival quarter, from each case's latest visit under one instrument version. Counts
 * withheld for the viewer (1 to 4) show no mean. The chart's figures are also the table below.
 */
export function ProgrammePage() {
  const intl = useIntl();
  const countries = useCountries();
  const [filters, setFilters] = useState<ScoreSummaryFilters>({ groupBy: 'country', instrumentVersionId: null, dimension: null, country: null });
  const summary = useScoreSummary(filters);
  const set = (patch: Partial<ScoreSummaryFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const versions = summary.data?.versions ?? [];
  const versionName = useVersionName();
  return (
    <Stack>
      <PageTitle id="monitoring.programme.title" />
      <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.programme.intro" /></Text>
      <Group align="end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="programme-group-by"><FormattedMessage id="monitoring.programme.groupBy" /></Text>
          <SegmentedControl
            aria-labelledby="programme-group-by"
            value={filters.groupBy}
            onChange={(v) => set({ groupBy: v as ScoreGrouping })}
            data={SCORE_GROUPINGS.map((g) => ({ value: g, label: intl.formatMessage({ id: `monitoring.programme.by.${g}` }) }))}
          />
        </Stack>
        <Select
          label={intl.formatMessage({ id: 'monitoring.programme.version' })}
          placeholder={intl.formatMessage({ id: 'monitoring.programme.versionLatest' })}
          data={versions.map((v) => ({ value: v.id, label: versionName(v) }))}
          value={filters.instrumentVersionId}
          onChange={(v) => set({ instrumentVersionId: v })}
          clearable
        />
        <Select
          label={intl.formatMessage({ id: 'monitoring.programme.dimension' })}
          placeholder={intl.formatMessage({ id: 'monitoring.programme.allDimensions' })}
          data={DIMENSIONS.map((d) => ({ value: d, label: intl.formatMessage({ id: `monitoring.dimension.${d}` }) }))}
          value={filters.dimension}
          onChange={(v) => set({ dimension: v as Dimension | null })}
          clearable
        />
        <Select
          label={intl.formatMessage({ id: 'monitoring.programme.country' })}
          placeholder={intl.formatMessage({ id: 'monitoring.programme.allCountries' })}
          data={countries.options}
          value={filters.country}
          onChange={(v) => set({ country: v })}
          searchable
          clearable
        />
      </Group>
      <QueryState query={summary} errorScope="monitoring">
        {(s) => <Summary s={s} />}
      </QueryState>
    </Stack>
  );
}

function useGroupLabel(groupBy: ScoreGrouping) {
  const intl = useIntl();
  const countries = useCountries();
  return (g: ScoreSummaryGroup) => {
    if (g.key === null) return intl.formatMessage({ id: 'monitoring.programme.unknownGroup' });
    if (groupBy === 'country') return countries.name(g.key);
    return g.label ?? g.key;
  };
}

function Summary({ s }: { s: ScoreSummaryView }) {
  const intl = useIntl();
  const fmt = useScoreFormat();
  const label = useGroupLabel(s.groupBy);
  const versionName = useVersionName();
  if (!s.version) return <Stack><Text c="dimmed"><FormattedMessage id="monitoring.programme.noScores" /></Text><ImportedSummary s={s} /></Stack>;
  const versionText = versionName(s.version);
  const series: ChartSeries[] = [
    ...s.dimensions.map((d) => ({ key: d, label: intl.formatMessage({ id: `monitoring.dimension.${d}` }), color: COLOURS[d] })),
    { key: 'composite', label: intl.formatMessage({ id: 'monitoring.preview.composite' }), color: COLOURS.composite },
  ];
  const shown = s.groups.filter((g) => !g.suppressed);
  const rows = shown.map((g) => {
    const values: Record<string, { value: number; text: string }> = {};
    for (const d of g.dimensions) if (d.mean !== null) values[d.key] = { value: Number(d.mean), text: fmt(d.mean) };
    if (g.composite?.mean) values.composite = { value: Number(g.composite.mean), text: fmt(g.composite.mean) };
    return { category: label(g), values };
  });
  const byLabel = intl.formatMessage({ id: `monitoring.programme.by.${s.groupBy}` });
  return (
    <Stack>
      <Text size="sm"><FormattedMessage id="monitoring.programme.basis" values={{ version: versionText, total: s.total }} /></Text>
      {s.suppression && <Text size="sm" c="dimmed"><FormattedMessage id="monitoring.programme.suppressionNote" /></Text>}
      {shown.length > 0 && (
        <SectionCard title="monitoring.programme.chartTitle">
          <BarChartFigure
            title={intl.formatMessage({ id: 'monitoring.programme.chartTitle' })}
            description={intl.formatMessage({ id: 'monitoring.programme.chartDescription' }, { version: versionText })}
            categoryLabel={byLabel}
            series={series}
            rows={rows}
          />
        </SectionCard>
      )}
      <SectionCard title="monitoring.programme.tableTitle">
        {s.groups.length ? (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Caption><FormattedMessage id="monitoring.programme.tableCaption" values={{ version: versionText }} /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{byLabel}</Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="monitoring.programme.count" /></Table.Th>
                  {series.map((x) => <Table.Th scope="col" key={x.key}>{x.label}</Table.Th>)}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.groups.map((g) => (
                  <Table.Tr key={g.key ?? 'unknown'}>
                    <Table.Th scope="row"><bdi>{label(g)}</bdi></Table.Th>
                    <Table.Td>{g.suppressed ? <FormattedMessage id="monitoring.programme.suppressed" /> : intl.formatNumber(g.count ?? 0)}</Table.Td>
                    {series.map((x) => {
                      const stat = x.key === 'composite' ? g.composite : g.dimensions.find((d) => d.key === x.key);
                      return (
                        <Table.Td key={x.key}>
                          {stat?.mean ? (
                            <FormattedMessage id="monitoring.programme.meanMedian" values={{ mean: fmt(stat.mean), median: fmt(stat.median ?? stat.mean) }} />
                          ) : <Text span c="dimmed" size="sm"><FormattedMessage id="monitoring.programme.noMean" /></Text>}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : <Text c="dimmed" size="sm"><FormattedMessage id="monitoring.programme.noGroups" /></Text>}
      </SectionCard>
      <ImportedSummary s={s} />
    </Stack>
  );
}

/**
 * The monitoring history brought by the legacy import, under its own title: the scores the old
 * system gave (no instrument version of Homeward computed them), never added to a version's figures.
 */
function ImportedSummary({ s }: { s: ScoreSummaryView }) {
  const intl = useIntl();
  const fmt = useScoreFormat();
  const label = useGroupLabel(s.groupBy);
  const imported = s.imported;
  if (!imported.groups.length) return null;
  const keys = [...s.dimensions, 'composite' as const];
  const heading = (k: (typeof keys)[number]) => intl.formatMessage({ id: k === 'composite' ? 'monitoring.preview.composite' : `monitoring.dimension.${k}` });
  return (
    <SectionCard title="imports.visits.programme.title">
      <Stack gap="xs">
        <Text size="sm"><FormattedMessage id="imports.visits.programme.basis" values={{ sources: intl.formatList(imported.sources), total: imported.total }} /></Text>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Caption><FormattedMessage id="imports.visits.programme.caption" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{intl.formatMessage({ id: `monitoring.programme.by.${s.groupBy}` })}</Table.Th>
                <Table.Th scope="col"><FormattedMessage id="monitoring.programme.count" /></Table.Th>
                {keys.map((k) => <Table.Th scope="col" key={k}>{heading(k)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imported.groups.map((g) => (
                <Table.Tr key={g.key ?? 'unknown'}>
                  <Table.Th scope="row"><bdi>{label(g)}</bdi></Table.Th>
                  <Table.Td>{g.suppressed ? <FormattedMessage id="monitoring.programme.suppressed" /> : intl.formatNumber(g.count ?? 0)}</Table.Td>
                  {keys.map((k) => {
                    const stat = k === 'composite' ? g.composite : g.dimensions.find((d) => d.key === k);
                    return (
                      <Table.Td key={k}>
                        {stat?.mean ? (
                          <FormattedMessage id="monitoring.programme.meanMedian" values={{ mean: fmt(stat.mean), median: fmt(stat.median ?? stat.mean) }} />
                        ) : <Text span c="dimmed" size="sm"><FormattedMessage id="monitoring.programme.noMean" /></Text>}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </SectionCard>
  );
}
