import { Anchor, Button, Group, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { QUEUE_KINDS } from '../../../shared/schemas/payments';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { ConfirmAction } from '../../components/confirm-action';
import { formatAmount } from '../../components/money-input';
import { PageTitle } from '../../components/page-title';
import { formatDay } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { communityPaymentRequests, useCommunityPaymentAction } from '../community';
import { useQueue, type QueueItem, type QueueKind } from './api';

/**
 * The disbursement queue: tranches due, payments awaiting approval and payments missing receipts,
 * each linking to the case's Reintegration tab; a community project's payment awaiting approval is
 * approved or rejected here.
 */
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
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const queue = useQueue(kind, page, pageSize);
  const type = (x: QueueItem) => intl.formatMessage({ id: `reintegration.componentType.${x.componentType}` });
  const columns: DataColumn<QueueItem>[] = [
    {
      id: 'case', header: 'payments.queue.case', nowrap: true,
      cell: (x) => (x.caseId ? (
        <Anchor component={Link} to={`/cases/${x.caseId}?tab=reintegration`} aria-label={intl.formatMessage({ id: 'payments.queue.openCase' }, { number: x.caseNumber })}>
          <bdi>{x.caseNumber}</bdi>
        </Anchor>
      ) : <FormattedMessage id="payments.queue.communityProject" values={{ title: <bdi>{x.communityProject?.title}</bdi> }} />),
    },
    {
      id: 'component', header: 'payments.queue.component',
      cell: (x) => (x.componentType ? <FormattedMessage id="payments.queue.tranche" values={{ type: type(x), position: x.position }} /> : <FormattedMessage id="payments.queue.communityPayment" />),
    },
    { id: 'due', header: 'payments.queue.dueOn', nowrap: true, cell: (x) => (x.dueOn ? <bdi>{formatDay(intl, x.dueOn)}</bdi> : '—') },
    { id: 'amount', header: 'payments.queue.amount', nowrap: true, cell: (x) => <bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi> },
    ...(kind === 'due'
      ? [{ id: 'released', header: 'payments.queue.released', cell: (x: QueueItem) => <FormattedMessage id={x.released ? 'payments.tranche.released' : 'payments.tranche.notReleased'} /> }]
      : [{ id: 'paidOn', header: 'payments.queue.paidOn', nowrap: true, cell: (x: QueueItem) => (x.paidOn ? <bdi>{formatDay(intl, x.paidOn)}</bdi> : '—') }]),
    ...(kind === 'awaiting_approval' && can('disbursement.approve')
      ? [{ id: 'actions', header: 'common.actions', cell: (x: QueueItem) => (x.communityProject && x.disbursementId ? <CommunityDecision item={x} /> : null) }]
      : []),
  ];
  return (
    <DataTable
      columns={columns}
      rows={queue.data?.items}
      rowKey={(x) => `${x.trancheId ?? x.communityProject?.id}:${x.disbursementId ?? ''}`}
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

/** Approve or reject a community project's payment from the queue (the server refuses one's own). */
function CommunityDecision({ item }: { item: QueueItem }) {
  const intl = useIntl();
  const projectId = item.communityProject!.id;
  const [step, setStep] = useState<'approve' | 'reject' | null>(null);
  const [reason, setReason] = useState('');
  const approve = useCommunityPaymentAction(projectId, communityPaymentRequests.approve(projectId));
  const reject = useCommunityPaymentAction(projectId, communityPaymentRequests.reject(projectId));
  const amount = formatAmount(intl, item.amountMinor, item.currency);
  const action = step === 'reject' ? reject : approve;
  const done = () => setStep(null);
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="compact-sm" color="green" onClick={() => { approve.reset(); setStep('approve'); }} aria-label={intl.formatMessage({ id: 'payments.approve.of' }, { amount })}>
        <FormattedMessage id="payments.approve.button" />
      </Button>
      <Button size="compact-sm" variant="subtle" color="red" onClick={() => { setReason(''); reject.reset(); setStep('reject'); }} aria-label={intl.formatMessage({ id: 'payments.reject.of' }, { amount })}>
        <FormattedMessage id="payments.reject.button" />
      </Button>
      <ConfirmAction
        opened={step !== null} onCancel={done}
        onConfirm={() => (step === 'reject'
          ? reject.mutate({ disbursementId: item.disbursementId!, reason }, { onSuccess: done })
          : approve.mutate({ disbursementId: item.disbursementId! }, { onSuccess: done }))}
        title={`payments.${step ?? 'approve'}.title`} body={step === 'reject' ? 'payments.reject.body' : 'community.payments.approve.body'}
        bodyValues={{ amount: <bdi>{amount}</bdi> }}
        confirmLabel={`payments.${step ?? 'approve'}.button`} color={step === 'reject' ? 'red' : 'green'}
        pending={action.isPending} error={action.error} errorScope="payments"
      >
        {step === 'reject' && <Textarea label={intl.formatMessage({ id: 'payments.reason' })} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} maxLength={1000} />}
      </ConfirmAction>
    </Group>
  );
}
