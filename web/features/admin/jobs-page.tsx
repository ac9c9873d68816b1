import { Button, NativeSelect, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { formatMoment } from '../../lib/dates';
import { AdminNav } from './admin-nav';
import { retryJob, useFailedJobs, useJobQueues, type FailedJob, type JobQueue } from './api';

const PAGE_SIZE = 25;

/** A queue's name as administrators read it, when the catalogue has one; else the name itself. */
function QueueName({ queue }: { queue: string }) {
  const intl = useIntl();
  const id = `admin.jobs.queue.${queue}`;
  return <span className="ltr-value">{intl.messages[id] ? intl.formatMessage({ id }) : queue}</span>;
}

/**
 * The background job queues for administrators: each queue's jobs waiting, running, failed after
 * their retries and done in the last day; the failed ones (the dead letters) by queue, each put
 * back to run with one button. A job's data and error are not shown (they may carry personal data).
 */
export function JobsPage() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const queues = useJobQueues();
  const [queue, setQueue] = useState('');
  const [page, setPage] = useState(1);
  const failed = useFailedJobs(queue, page, PAGE_SIZE);
  const retry = useMutation({
    mutationFn: (job: FailedJob) => retryJob(job.queue, job.id),
    onSuccess: async (_r, job) => {
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'admin.jobs.retried' }, { id: job.id.slice(0, 8) }) });
      await queryClient.invalidateQueries({ queryKey: ['admin', 'jobs'] });
    },
  });
  const count = (n: number) => intl.formatNumber(n);
  const queueColumns: DataColumn<JobQueue>[] = [
    { id: 'queue', header: 'admin.jobs.queue', cell: (q) => <QueueName queue={q.queue} /> },
    { id: 'waiting', header: 'admin.jobs.waiting', cell: (q) => count(q.waiting) },
    { id: 'active', header: 'admin.jobs.active', cell: (q) => count(q.active) },
    { id: 'failed', header: 'admin.jobs.failed', cell: (q) => (q.failed ? <Text span fw={700} c="red.9">{count(q.failed)}</Text> : count(q.failed)) },
    { id: 'completed', header: 'admin.jobs.completedLastDay', cell: (q) => count(q.completedLastDay) },
  ];
  const failedColumns: DataColumn<FailedJob>[] = [
    { id: 'queue', header: 'admin.jobs.queue', cell: (j) => <QueueName queue={j.queue} /> },
    { id: 'id', header: 'admin.jobs.id', cell: (j) => <span className="ltr-value">{j.id}</span> },
    { id: 'attempts', header: 'admin.jobs.attempts', cell: (j) => count(j.attempts) },
    { id: 'createdAt', header: 'admin.jobs.createdAt', cell: (j) => formatMoment(intl, String(j.createdAt)) },
    { id: 'failedAt', header: 'admin.jobs.failedAt', cell: (j) => (j.failedAt ? formatMoment(intl, String(j.failedAt)) : '—') },
  ];
  return (
    <Stack>
      <AdminNav />
      <PageTitle id="admin.jobs.title" />
      <Text size="sm" c="dimmed"><FormattedMessage id="admin.jobs.help" /></Text>
      <DataTable
        columns={queueColumns}
        rows={queues.data?.items}
        rowKey={(q) => q.queue}
        error={queues.error}
        empty="common.nothingFound"
        caption={<FormattedMessage id="admin.jobs.queuesCaption" />}
      />
      <Title order={2} size="h3"><FormattedMessage id="admin.jobs.failedTitle" /></Title>
      <Text size="sm" c="dimmed"><FormattedMessage id="admin.jobs.failedHelp" /></Text>
      <NativeSelect label={intl.formatMessage({ id: 'admin.jobs.filter' })} value={queue} w={{ base: '100%', sm: 320 }}
        onChange={(e) => { setQueue(e.currentTarget.value); setPage(1); }}
        data={[{ value: '', label: intl.formatMessage({ id: 'admin.jobs.allQueues' }) },
          ...(queues.data?.items ?? []).map((q) => ({ value: q.queue, label: intl.messages[`admin.jobs.queue.${q.queue}`] ? intl.formatMessage({ id: `admin.jobs.queue.${q.queue}` }) : q.queue }))]} />
      {retry.error ? <ApiErrorAlert error={retry.error} /> : null}
      <DataTable
        columns={failedColumns}
        rows={failed.data?.items}
        rowKey={(j) => j.id}
        error={failed.error}
        loading={failed.isLoading}
        empty="admin.jobs.noneFailed"
        caption={<FormattedMessage id="admin.jobs.failedCaption" values={{ count: failed.data?.total ?? 0 }} />}
        paging={failed.data && failed.data.total > PAGE_SIZE ? { page, pageSize: PAGE_SIZE, total: failed.data.total, onPage: setPage } : undefined}
        rowActions={(j) => (
          <Button size="compact-sm" variant="light" loading={retry.isPending && retry.variables?.id === j.id} onClick={() => retry.mutate(j)}>
            <FormattedMessage id="admin.jobs.retry" values={{ id: j.id.slice(0, 8), hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
          </Button>
        )}
      />
    </Stack>
  );
}
