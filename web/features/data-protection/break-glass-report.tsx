import { Badge, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DateField } from '../../components/date-field';
import { SectionCard } from '../../components/section-card';
import type { BreakGlassReportView } from '../../../shared/schemas/data-protection';
import { formatDay, formatMoment } from '../../lib/dates';
import { useBreakGlassReport } from './api';

type Row = BreakGlassReportView['items'][number];

/** The day `days` before a `YYYY-MM-DD` day. */
/** Today as a UTC day, `YYYY-MM-DD`. */
const utcToday = () => new Date().toISOString().slice(0, 10);

const daysBefore = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The report of break-glass accesses over a period (the last 30 days at first): every access of
 * the officer's organisation, newest first, with who opened which case, until when, why, and
 * whether it was reviewed.
 */
export function BreakGlassReport() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  // The server reads the period as UTC days: the first view ends with today's UTC day, so the latest accesses are in it.
  const [to, setTo] = useState(utcToday);
  const [from, setFrom] = useState(() => daysBefore(utcToday(), 29));
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const report = useBreakGlassReport({ from, to }, page, pageSize);
  const when = (value: unknown) => <bdi>{formatMoment(intl, String(value))}</bdi>;

  const columns: DataColumn<Row>[] = [
    { id: 'opened', header: 'dataProtection.report.opened', cell: (r) => when(r.grantedAt), nowrap: true },
    { id: 'case', header: 'dataProtection.report.case', cell: (r) => <bdi className="ltr-value">{r.caseNumber}</bdi>, nowrap: true },
    {
      id: 'by',
      header: 'dataProtection.report.by',
      cell: (r) => (
        <>
          <bdi>{r.openedBy.name}</bdi>
          {r.openedBy.office ? <Text size="xs" c="dimmed"><bdi>{r.openedBy.office}</bdi></Text> : null}
        </>
      ),
    },
    { id: 'until', header: 'dataProtection.report.until', cell: (r) => when(r.expiresAt), nowrap: true },
    { id: 'reason', header: 'dataProtection.report.reason', cell: (r) => <Text size="sm"><bdi>{r.reason}</bdi></Text> },
    {
      id: 'review',
      header: 'dataProtection.report.review',
      cell: (r) => (r.reviewedAt ? (
        <FormattedMessage id="dataProtection.report.reviewed" values={{ at: when(r.reviewedAt), name: <bdi>{r.reviewedBy ?? ''}</bdi> }} />
      ) : (
        <Badge color="orange" variant="light" tt="none"><FormattedMessage id="dataProtection.report.notReviewed" /></Badge>
      )),
    },
  ];

  return (
    <SectionCard title="dataProtection.report.title">
      <Group align="flex-end" mb="sm" wrap="wrap">
        <DateField label={t('dataProtection.report.from')} value={from} onChange={(v) => { setFrom(v); setPage(1); }} max={to || undefined} withAsterisk />
        <DateField label={t('dataProtection.report.to')} value={to} onChange={(v) => { setTo(v); setPage(1); }} min={from || undefined} withAsterisk />
      </Group>
      <Text size="xs" c="dimmed" mb="xs"><FormattedMessage id="dataProtection.report.hint" /></Text>
      <DataTable
        columns={columns}
        rows={report.data?.items}
        rowKey={(r) => r.id}
        loading={report.isLoading}
        fetching={report.isFetching}
        error={report.error}
        empty="dataProtection.report.none"
        minWidth={860}
        caption={report.data ? (
          <FormattedMessage
            id="dataProtection.report.caption"
            values={{ count: report.data.total, from: <bdi>{formatDay(intl, report.data.from)}</bdi>, to: <bdi>{formatDay(intl, report.data.to)}</bdi> }}
          />
        ) : undefined}
        paging={report.data ? { page, pageSize, total: report.data.total, onPage: setPage, onPageSize: (n) => { setPageSize(n); setPage(1); } } : undefined}
      />
    </SectionCard>
  );
}
