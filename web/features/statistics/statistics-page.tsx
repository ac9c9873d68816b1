import { Alert, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { countries, countryName } from '../../../shared/reference/countries';
import { isLocale, type Locale } from '../../../shared/reference/locale';
import { regions } from '../../../shared/reference/regions';
import { AGE_BANDS, OTHERS_KEY, STAT_KINDS, STAT_SEXES, type StatFigureView, type StatQuery } from '../../../shared/schemas/statistics';
import { BarChartFigure, LineChartFigure } from '../../components/charts';
import { ChartFrame } from '../../components/charts/chart-frame';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { AnnualReportPanel } from './annual-report-panel';
import { CommunitySection } from './community-section';
import { useStatFigure, useStatFilterOptions } from './api';
import { FigureExportMenu } from './figure-export-menu';
import { MAP_SHADES } from './map-shades';
import { MoneySection } from './money-section';
import { MonitoringSection } from './monitoring-section';
import { VulnerabilitySection } from './vulnerability-section';

const WorldMap = lazy(() => import('./world-map').then((m) => ({ default: m.WorldMap })));

type Count = { value: number | null; withheld: 'small' | 'complement' | null };

/** A count as the page shows it: "<5" for a small count, "×" for one withheld to protect it. */
export function countText(intl: IntlShape, c: Count) {
  if (c.value !== null) return intl.formatNumber(c.value);
  return intl.formatMessage({ id: c.withheld === 'small' ? 'statistics.withheldSmall' : 'statistics.withheldComplement' });
}

function useLocale(): Locale {
  const { locale } = useIntl();
  const short = locale.slice(0, 2);
  return isLocale(short) ? short : 'en';
}

const YEARS = Array.from({ length: 30 }, (_, i) => String(new Date().getFullYear() - i));

/** Programme statistics: returns per year, top countries, a map of countries of origin and the tables of an annual report. */
export function StatisticsPage() {
  const intl = useIntl();
  const locale = useLocale();
  const [filters, setFilters] = useState<StatQuery>({ kind: 'voluntary_return' });
  const set = (patch: Partial<StatQuery>) => setFilters((f) => ({ ...f, ...patch }));
  const t = (id: string) => intl.formatMessage({ id });
  const any = { value: '', label: t('statistics.filter.any') };
  const regionOptions = regions.filter((r) => r.level !== 'world').map((r) => ({ value: r.code, label: r.names[locale] }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  const countryOptions = countries.map((c) => ({ value: c.alpha2, label: c.names[locale] })).sort((a, b) => a.label.localeCompare(b.label, locale));
  const options = useStatFilterOptions();
  return (
    <Stack>
      <PageTitle id="statistics.title" />
      <Text size="sm">
        <FormattedMessage id="statistics.rule" />
      </Text>
      <SectionCard title="statistics.filters">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <NativeSelect label={t('statistics.filter.kind')} value={filters.kind ?? 'voluntary_return'}
            data={STAT_KINDS.map((k) => ({ value: k, label: t(`statistics.kind.${k}`) }))}
            onChange={(e) => set({ kind: e.currentTarget.value as StatQuery['kind'] })} />
          <NativeSelect label={t('statistics.filter.yearFrom')} value={filters.yearFrom ? String(filters.yearFrom) : ''}
            data={[any, ...YEARS.map((y) => ({ value: y, label: y }))]} onChange={(e) => set({ yearFrom: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })} />
          <NativeSelect label={t('statistics.filter.yearTo')} value={filters.yearTo ? String(filters.yearTo) : ''}
            data={[any, ...YEARS.map((y) => ({ value: y, label: y }))]} onChange={(e) => set({ yearTo: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })} />
          <NativeSelect label={t('statistics.filter.originRegion')} value={filters.originRegion ?? ''}
            data={[any, ...regionOptions]} onChange={(e) => set({ originRegion: e.currentTarget.value || undefined })} />
          <NativeSelect label={t('statistics.filter.office')} value={filters.officeId ?? ''} disabled={!options.data}
            data={[any, ...(options.data?.offices ?? []).map((o) => ({ value: o.id, label: `${o.name} (${countryName(o.countryCode, locale)})` }))]}
            onChange={(e) => set({ officeId: e.currentTarget.value || undefined })} />
          <NativeSelect label={t('statistics.filter.hostCountry')} value={filters.hostCountry ?? ''}
            data={[any, ...countryOptions]} onChange={(e) => set({ hostCountry: e.currentTarget.value || undefined })} />
          <NativeSelect label={t('statistics.filter.originCountry')} value={filters.originCountry ?? ''}
            data={[any, ...countryOptions]} onChange={(e) => set({ originCountry: e.currentTarget.value || undefined })} />
          <NativeSelect label={t('statistics.filter.sex')} value={filters.sex ?? ''}
            data={[any, ...STAT_SEXES.map((s) => ({ value: s, label: t(`statistics.sex.${s}`) }))]} onChange={(e) => set({ sex: (e.currentTarget.value || undefined) as StatQuery['sex'] })} />
          <NativeSelect label={t('statistics.filter.ageBand')} value={filters.ageBand ?? ''}
            data={[any, ...AGE_BANDS.map((a) => ({ value: a, label: a === 'unknown' ? t('statistics.unknown') : a }))]} onChange={(e) => set({ ageBand: (e.currentTarget.value || undefined) as StatQuery['ageBand'] })} />
          <NativeSelect label={t('statistics.filter.project')} value={filters.projectId ?? ''} disabled={!options.data}
            data={[any, ...(options.data?.projects ?? []).map((p) => ({ value: p.id, label: `${p.code} – ${p.name}` }))]}
            onChange={(e) => set({ projectId: e.currentTarget.value || undefined })} />
          <NativeSelect label={t('statistics.filter.donor')} value={filters.donor ?? ''} disabled={!options.data}
            data={[any, ...(options.data?.donors ?? []).map((d) => ({ value: d, label: d }))]}
            onChange={(e) => set({ donor: e.currentTarget.value || undefined })} />
        </SimpleGrid>
      </SectionCard>
      <Figures filters={filters} locale={locale} />
      <AnnualReportPanel filters={filters} />
    </Stack>
  );
}

function Figures({ filters, locale }: { filters: StatQuery; locale: Locale }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const years = useStatFigure('years', filters);
  const hosts = useStatFigure('hosts', filters);
  const origins = useStatFigure('origins', filters);
  const map = useStatFigure('origins', { ...filters, top: 300 });
  const legal = useStatFigure('legal-status', filters);
  const household = useStatFigure('household', filters);
  const sexAge = useStatFigure('sex-age', filters);
  const country = (k: string) => (k === OTHERS_KEY ? t('statistics.others') : countryName(k, locale));
  const series = [{ key: 'n', label: t('statistics.returnees'), color: 'blue.8' as const }];
  const chartRows = (f: StatFigureView, label: (k: string) => string) =>
    f.rows.map((r) => ({ category: label(r.key), values: { n: { value: r.value ?? 0, text: countText(intl, r) } } }));
  const controlled = years.data?.controlled;
  return (
    <Stack>
      {controlled && (
        <Alert color="gray" title={t('statistics.withheldTitle')}>
          <FormattedMessage id="statistics.withheldExplained" />
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <SectionCard title="statistics.years.title" actions={<FigureExportMenu figure="years" query={filters} />}>
          <QueryState query={years} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => (
              <LineChartFigure title={t('statistics.years.title')} description={t('statistics.total', { total: countText(intl, f.total) })}
                categoryLabel={t('statistics.year')} series={series} rows={chartRows(f, (k) => k)} />
            )}
          </QueryState>
        </SectionCard>
        <SectionCard title="statistics.map.title" actions={<FigureExportMenu figure="origins" query={{ ...filters, top: 300 }} title={t('statistics.map.title')} />}>
          <QueryState query={map} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => <OriginMap figure={f} country={country} />}
          </QueryState>
        </SectionCard>
        <SectionCard title="statistics.hosts.title" actions={<FigureExportMenu figure="hosts" query={filters} title={t('statistics.hosts.title')} />}>
          <QueryState query={hosts} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => <BarChartFigure title={t('statistics.hosts.title')} categoryLabel={t('statistics.hostCountry')} series={series} rows={chartRows(f, country)} />}
          </QueryState>
        </SectionCard>
        <SectionCard title="statistics.origins.title" actions={<FigureExportMenu figure="origins" query={filters} title={t('statistics.origins.title')} />}>
          <QueryState query={origins} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => <BarChartFigure title={t('statistics.origins.title')} categoryLabel={t('statistics.originCountry')} series={series} rows={chartRows(f, country)} />}
          </QueryState>
        </SectionCard>
        <SectionCard title="statistics.legal.title" actions={<FigureExportMenu figure="legal-status" query={filters} />}>
          <QueryState query={legal} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => <CountTable figure={f} header={t('statistics.legal.status')} label={(k) => t(`legalStatus.${k}`)} caption={t('statistics.legal.title')} />}
          </QueryState>
        </SectionCard>
        <SectionCard title="statistics.household.title" actions={<FigureExportMenu figure="household" query={filters} />}>
          <QueryState query={household} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
            {(f) => <CountTable figure={f} header={t('statistics.household.size')} label={(k) => k} caption={t('statistics.household.title')} />}
          </QueryState>
        </SectionCard>
      </SimpleGrid>
      <SectionCard title="statistics.sexAge.title" actions={<FigureExportMenu figure="sex-age" query={filters} />}>
        <QueryState query={sexAge} empty="statistics.none" isEmpty={(f) => f.rows.length === 0}>
          {(f) => <MatrixTable figure={f} caption={t('statistics.sexAge.title')} corner={t('statistics.filter.sex')}
            rowLabel={(k) => t(`statistics.sex.${k}`)} columnLabel={(k) => (k === 'unknown' ? t('statistics.unknown') : k)} />}
        </QueryState>
      </SectionCard>
      <VulnerabilitySection filters={filters} />
      <MoneySection filters={filters} />
      <MonitoringSection filters={filters} />
      <CommunitySection filters={filters} />
    </Stack>
  );
}

/** Returns by country of origin on the world map, with the same counts as a table. */
function OriginMap({ figure, country }: { figure: StatFigureView; country: (k: string) => string }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const values = figure.rows.flatMap((r) => (r.value ? [r.value] : [])).sort((a, b) => a - b);
  const bound = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  const breaks = [0.2, 0.4, 0.6, 0.8].map(bound);
  const byKey = new Map(figure.rows.map((r) => [r.key, r]));
  const classOf = (alpha2: string): number | 'withheld' => {
    const r = byKey.get(alpha2);
    if (!r) return 0;
    if (r.value === null) return 'withheld';
    if (r.value === 0) return 0;
    return 1 + breaks.filter((b) => r.value! > b).length;
  };
  return (
    <Stack gap="xs">
      <ChartFrame title={t('statistics.map.title')} description={t('statistics.map.description')} categoryLabel={t('statistics.originCountry')}
        series={[{ key: 'n', label: t('statistics.returnees'), color: 'blue.8' }]}
        rows={figure.rows.map((r) => ({ category: country(r.key), values: { n: { value: r.value ?? 0, text: countText(intl, r) } } }))}>
        <Suspense fallback={null}><WorldMap classOf={classOf} /></Suspense>
      </ChartFrame>
      <Group gap="xs" aria-hidden="true">
        {MAP_SHADES.map((c, i) => (
          <Group gap={4} key={c}>
            <span style={{ display: 'inline-block', width: 14, height: 14, background: c, border: '1px solid #868e96' }} />
            <Text size="xs">{i === 0 ? `≤ ${intl.formatNumber(breaks[0] ?? 0)}` : i === 4 ? `> ${intl.formatNumber(breaks[3] ?? 0)}` : `≤ ${intl.formatNumber(breaks[i] ?? 0)}`}</Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}

function CountTable({ figure, header, label, caption }: { figure: StatFigureView; header: string; label: (k: string) => string; caption: string }) {
  const intl = useIntl();
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead><Table.Tr><Table.Th scope="col">{header}</Table.Th><Table.Th scope="col">{intl.formatMessage({ id: 'statistics.returnees' })}</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {figure.rows.map((r) => <Table.Tr key={r.key}><Table.Th scope="row">{label(r.key)}</Table.Th><Table.Td>{countText(intl, r)}</Table.Td></Table.Tr>)}
        <Table.Tr><Table.Th scope="row">{intl.formatMessage({ id: 'statistics.totalLabel' })}</Table.Th><Table.Td>{countText(intl, figure.total)}</Table.Td></Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function MatrixTable({ figure, caption, corner, rowLabel, columnLabel }: { figure: StatFigureView; caption: string; corner: string; rowLabel: (k: string) => string; columnLabel: (k: string) => string }) {
  const intl = useIntl();
  const total = intl.formatMessage({ id: 'statistics.totalLabel' });
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{corner}</Table.Th>
            {(figure.columns ?? []).map((c) => <Table.Th scope="col" key={c.key}>{columnLabel(c.key)}</Table.Th>)}
            <Table.Th scope="col">{total}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figure.rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row">{rowLabel(r.key)}</Table.Th>
              {(r.cells ?? []).map((c) => <Table.Td key={c.key}>{countText(intl, c)}</Table.Td>)}
              <Table.Td>{countText(intl, r)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{total}</Table.Th>
            {(figure.columns ?? []).map((c) => <Table.Td key={c.key}>{countText(intl, c)}</Table.Td>)}
            <Table.Td>{countText(intl, figure.total)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

