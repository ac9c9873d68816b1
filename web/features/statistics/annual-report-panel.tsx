import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { JobProgress } from '../../components/job-progress';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { isLocale, LOCALES, type Locale } from '../../../shared/reference/locale';
import type { StatQuery } from '../../../shared/schemas/statistics';
import type { StatReportBody, StatReportView } from '../../../shared/schemas/statistics-report';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { SectionCard } from '../../components/section-card';
import { api } from '../../lib/api';
import { formatMoment } from '../../lib/dates';

const reportKeys = { list: ['statistics', 'reports'] as const };
const YEARS = Array.from({ length: 30 }, (_, i) => String(new Date().getFullYear() - i));
const working = (r: StatReportView) => r.status === 'queued' || r.status === 'running';

/** The user's recent reports, asked again every two seconds while one is being made. */
function useReports() {
  return useQuery({
    queryKey: reportKeys.list,
    queryFn: () => api.get<{ items: StatReportView[] }>('/api/statistics/reports').then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some(working) ? 2000 : false),
  });
}

/**
 * "Annual report (PDF)": the year and language of the report (the filters are the dashboard's),
 * made in the background; its progress while it is made, then the link to download it; the user's
 * recent reports.
 */
export function AnnualReportPanel({ filters }: { filters: StatQuery }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const t = (id: string) => intl.formatMessage({ id });
  const short = intl.locale.slice(0, 2);
  // A year, or a range of years (the first year alone is a one-year report).
  const [yearFrom, setYearFrom] = useState(String(new Date().getFullYear()));
  const [yearTo, setYearTo] = useState(String(new Date().getFullYear()));
  const [language, setLanguage] = useState<Locale>(isLocale(short) ? short : 'en');
  const reports = useReports();
  const generate = useMutation({
    mutationFn: () => {
      const { yearFrom: _f, yearTo: _t, year: _y, top: _top, ...rest } = filters;
      const body: StatReportBody = { ...rest, yearFrom: Number(yearFrom), yearTo: Number(yearTo), language };
      return api.post<StatReportView>('/api/statistics/reports', body);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.list }),
  });
  const list = reports.data ?? [];
  return (
    <SectionCard title="statistics.report.title">
      <Stack>
        <Text size="sm" c="dimmed"><FormattedMessage id="statistics.report.intro" /></Text>
        <Group align="end" wrap="wrap">
          <NativeSelect label={t('statistics.report.year')} value={yearFrom} data={YEARS}
            onChange={(e) => { const v = e.currentTarget.value; setYearFrom(v); if (Number(yearTo) < Number(v)) setYearTo(v); }} />
          <NativeSelect label={t('statistics.report.yearTo')} value={yearTo} data={YEARS.filter((y) => Number(y) >= Number(yearFrom))}
            onChange={(e) => setYearTo(e.currentTarget.value)} />
          <NativeSelect label={t('statistics.report.language')} value={language}
            data={LOCALES.map((l) => ({ value: l, label: t(`statistics.report.language.${l}`) }))}
            onChange={(e) => setLanguage(e.currentTarget.value as Locale)} />
          <Button onClick={() => generate.mutate()} loading={generate.isPending}>
            <FormattedMessage id="statistics.report.generate" />
          </Button>
        </Group>
        <div aria-live="assertive">{generate.error ? <ApiErrorAlert error={generate.error} /> : null}</div>
        {reports.isError ? <ApiErrorAlert error={reports.error} /> : list.length ? (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Caption><FormattedMessage id="statistics.report.recent" /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="statistics.report.column.years" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="statistics.report.language" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="statistics.report.column.requested" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="statistics.report.column.status" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="statistics.report.column.file" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => {
                  const years = r.yearFrom === r.yearTo ? String(r.yearFrom) : `${r.yearFrom}–${r.yearTo}`;
                  const pct = r.figuresTotal ? Math.round((r.figuresDone / r.figuresTotal) * 100) : 0;
                  const progressText = intl.formatMessage({ id: 'statistics.report.progress' }, { done: r.figuresDone, total: r.figuresTotal });
                  const state = r.expired ? 'expired' : r.status;
                  return (
                    <Table.Tr key={r.id} data-report-status={state}>
                      <Table.Th scope="row">{years}</Table.Th>
                      <Table.Td>{t(`statistics.report.language.${r.language}`)}</Table.Td>
                      <Table.Td>{formatMoment(intl, r.createdAt)}</Table.Td>
                      <Table.Td miw={180}>
                        <Badge variant="light" color={state === 'done' ? 'green' : state === 'failed' ? 'red' : state === 'expired' ? 'gray' : 'blue'}>
                          <FormattedMessage id={`statistics.report.status.${state}`} />
                        </Badge>
                        {working(r) ? (
                          <JobProgress label={t('statistics.report.column.status')} percent={pct} text={progressText} />
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {state === 'done' ? (
                          <Anchor href={`/api/statistics/reports/${encodeURIComponent(r.id)}/file`} download>
                            <FormattedMessage id="statistics.report.download" />
                            {` (${years})`}
                          </Anchor>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : <Text size="sm" c="dimmed"><FormattedMessage id="statistics.report.none" /></Text>}
      </Stack>
    </SectionCard>
  );
}
