import { Anchor, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { QUEUE_KINDS } from '../../../shared/schemas/payments';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { formatAmount } from '../../components/money-input';
import { PageTitle } from '../../components/page-title';
import { formatDay } from '../../lib/dates';
import { useQueue, type QueueItem, type QueueKind } from './api';

/** The disbursement queue: tranches due, payments awaiting approval and payments missing receipts, each linking to the case's Reintegration tab. */
export function DisbursementQueuePage() {
  const [params, setParams] = useSearchParams();
  const current = (QUEUE_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? (params.get('kind') as QueueKind) : 'due';
  return (
    <Stack>
      <PageTitle id="payments.queue.title" />
      <Text size="sm"><FormattedMessage id="payments.queue.intro" /></Text>
      <Tabs value={current} onChange={(v) => v && setParams({ kind: v }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          {QUEUE_KINDS.map((k) => (
            <Tabs.Tab key={k} value={k}><FormattedMessage id={`payments.queue.kind.${k}`} /></Tabs.Tab>
          ))}
        </Tabs.List>
        {QUEUE_KINDS.map((k) => (
          <Tabs.Panel key={k} value={k} pt="md">
            <QueueTable kind={k} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function QueueTable({ kind }: { kind: QueueKind }) {
  const intl = useIntl();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const queue = useQueue(kind, page, pageSize);
  const type = (x: QueueItem) => intl.formatMessage({ id: `reintegration.componentType.${x.componentType}` });
  const columns: DataColumn<QueueItem>[] = [
    {
      id: 'case', header: 'payments.queue.case', nowrap: true,
      cell: (x) => (
        <Anchor component={Link} to={`/cases/${x.caseId}?tab=reintegration`} aria-label={intl.formatMessage({ id: 'payments.queue.openCase' }, { number: x.caseNumber })}>
          <bdi>{x.caseNumber}</bdi>
        </Anchor>
      ),
    },
    { id: 'component', header: 'payments.queue.component', cell: (x) => <FormattedMessage id="payments.queue.tranche" values={{ type: type(x), position: x.position }} /> },
    { id: 'due', header: 'payments.queue.dueOn', nowrap: true, cell: (x) => <bdi>{formatDay(intl, x.dueOn)}</bdi> },
    { id: 'amount', header: 'payments.queue.amount', nowrap: true, cell: (x) => <bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi> },
    ...(kind === 'due'
      ? [{ id: 'released', header: 'payments.queue.released', cell: (x: QueueItem) => <FormattedMessage id={x.released ? 'payments.tranche.released' : 'payments.tranche.notReleased'} /> }]
      : [{ id: 'paidOn', header: 'payments.queue.paidOn', nowrap: true, cell: (x: QueueItem) => (x.paidOn ? <bdi>{formatDay(intl, x.paidOn)}</bdi> : '—') }]),
  ];
  return (
    <DataTable
      columns={columns}
      rows={queue.data?.items}
      rowKey={(x) => `${x.trancheId}:${x.disbursementId ?? ''}`}
      caption={<FormattedMessage id={`payments.queue.caption.${kind}`} values={{ count: queue.data?.total ?? 0 }} />}
      empty={`payments.queue.empty.${kind}`}
      loading={queue.isPending}
      fetching={queue.isFetching}
      error={queue.error}
      errorScope="payments"
      minWidth={640}
      paging={{ page, pageSize, total: queue.data?.total, onPage: setPage, onPageSize: (s) => { setPageSize(s); setPage(1); }, pageSizes: [20, 50, 100] }}
    />
  );
}
