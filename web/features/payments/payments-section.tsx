import { ActionIcon, Alert, Anchor, Badge, Button, Fieldset, Group, List, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { CONDITION_KINDS, type ConditionKind } from '../../../shared/schemas/payments';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { toDecimalString } from '../../../shared/money';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { ConfirmAction } from '../../components/confirm-action';
import { DateField } from '../../components/date-field';
import { FileField } from '../../components/file-field';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { formatAmount, MoneyInput, readAmount } from '../../components/money-input';
import { PaymentAmountFields, PaymentDetailFields, usePaymentDetails } from '../../components/payment-fields';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { newIdempotencyKey, seg } from '../../lib/api';
import { formatDay, formatMoment } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { fullName, useCaseAttachments } from '../cases';
import { conversionsShown, type Conversion as StoredConversion } from './conversions';
import {
  paymentRequests, uploadReceipt, useCaseCost, useCasePayments, usePaymentAction, useProposal, useProviderOptions,
  type CasePayments, type Disbursement, type PaymentComponent, type Tranche,
} from './api';

const PAYMENT_COLOURS: Record<string, string> = { awaiting_approval: 'yellow', paid: 'green', rejected: 'red', reversed: 'gray' };

type Translate = (id: string, values?: Record<string, string | number>) => string;
const useT = (): Translate => {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
};

/** The payments of the case's approved plan, its unsafe-area flag and its cost: the lower part of the Reintegration tab. */
export function PaymentsSection({ record }: { record: CaseRecord }) {
  const payments = useCasePayments(record.id);
  return (
    <QueryState query={payments} errorScope="payments">
      {(data) => <PaymentsBody record={record} data={data} />}
    </QueryState>
  );
}

function PaymentsBody({ record, data }: { record: CaseRecord; data: CasePayments }) {
  return (
    <Stack gap="md">
      <UnsafeArea record={record} data={data} />
      {data.components.map((c) => <ComponentPayments key={c.id} record={record} component={c} unsafe={data.unsafeArea.unsafe} />)}
      <CostSummary caseId={record.id} />
    </Stack>
  );
}

function UnsafeArea({ record, data }: { record: CaseRecord; data: CasePayments }) {
  const intl = useIntl();
  const t = useT();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const change = usePaymentAction(record.id, paymentRequests.unsafeArea(record.id));
  const { unsafeArea } = data;
  const flagged = Boolean(unsafeArea.flag);
  return (
    <SectionCard
      title="payments.unsafe.title"
      actions={can('reintegration.plan') && (
        <Button variant="light" color={flagged ? 'gray' : 'orange'} onClick={() => { setReason(''); change.reset(); setOpen(true); }}>
          <FormattedMessage id={flagged ? 'payments.unsafe.clear' : 'payments.unsafe.flag'} />
        </Button>
      )}
    >
      <Stack gap="xs">
        <Text size="sm"><FormattedMessage id={unsafeArea.unsafe ? 'payments.unsafe.yes' : 'payments.unsafe.no'} /></Text>
        {unsafeArea.flag && (
          <Text size="sm">
            <FormattedMessage id="payments.unsafe.flagBy" values={{ reason: <bdi>{unsafeArea.flag.reason}</bdi>, name: <bdi>{unsafeArea.flag.setBy.name}</bdi>, date: <bdi>{formatMoment(intl, String(unsafeArea.flag.setAt))}</bdi> }} />
          </Text>
        )}
        {unsafeArea.locations.map((l) => (
          <Text size="sm" key={l.id}><FormattedMessage id="payments.unsafe.location" values={{ place: <bdi>{l.place}</bdi>, reason: <bdi>{l.reason}</bdi> }} /></Text>
        ))}
      </Stack>
      <ConfirmAction
        opened={open} onCancel={() => setOpen(false)}
        onConfirm={() => change.mutate(flagged ? { unsafe: false } : { unsafe: true, reason }, { onSuccess: () => setOpen(false) })}
        title={flagged ? 'payments.unsafe.clearTitle' : 'payments.unsafe.flagTitle'}
        body={flagged ? 'payments.unsafe.clearBody' : 'payments.unsafe.flagBody'}
        confirmLabel={flagged ? 'payments.unsafe.clear' : 'payments.unsafe.flag'}
        color={flagged ? undefined : 'orange'} pending={change.isPending} error={change.error} errorScope="payments"
      >
        {!flagged && <Textarea label={t('payments.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} maxLength={1000} />}
      </ConfirmAction>
    </SectionCard>
  );
}

function CostSummary({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const cost = useCaseCost(caseId);
  return (
    <SectionCard title="payments.cost.title">
      <QueryState query={cost} errorScope="payments" empty="payments.cost.none" isEmpty={(c) => c.byCurrency.length === 0}>
        {(c) => (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth={400}>
              <Table>
                <Table.Caption><FormattedMessage id="payments.cost.caption" /></Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col"><FormattedMessage id="payments.cost.currency" /></Table.Th>
                    <Table.Th scope="col"><FormattedMessage id="payments.cost.amount" /></Table.Th>
                    <Table.Th scope="col"><FormattedMessage id="payments.cost.items" /></Table.Th>
                    <Table.Th scope="col"><FormattedMessage id="payments.cost.inProject" values={{ currency: c.projectCurrency ?? '—' }} /></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {c.byCurrency.map((x) => (
                    <Table.Tr key={x.currency}>
                      <Table.Th scope="row"><bdi>{x.currency}</bdi></Table.Th>
                      <Table.Td><bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi></Table.Td>
                      <Table.Td>{x.items}</Table.Td>
                      <Table.Td><bdi>{formatAmount(intl, x.projectAmountMinor, c.projectCurrency)}</bdi></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" fw={500}>
              {c.projectTotalMinor !== null
                ? <FormattedMessage id="payments.cost.total" values={{ amount: <bdi>{formatAmount(intl, c.projectTotalMinor, c.projectCurrency)}</bdi> }} />
                : <FormattedMessage id="payments.cost.noTotal" />}
            </Text>
          </Stack>
        )}
      </QueryState>
    </SectionCard>
  );
}

function ComponentPayments({ record, component, unsafe }: { record: CaseRecord; component: PaymentComponent; unsafe: boolean }) {
  const intl = useIntl();
  const t = useT();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  const type = t(`reintegration.componentType.${component.type}`);
  const open = component.status === 'planned' || component.status === 'in_progress';
  return (
    <SectionCard
      title="payments.component.title" values={{ type }}
      actions={can('reintegration.plan') && open && (
        <Button variant="light" onClick={() => setEditing(true)} aria-label={t('payments.schedule.editOf', { type })}>
          <FormattedMessage id="payments.schedule.edit" />
        </Button>
      )}
    >
      <Stack gap="sm">
        <Text size="sm">
          <FormattedMessage id="payments.component.summary" values={{
            amount: <bdi>{formatAmount(intl, component.amountMinor, component.currency)}</bdi>,
            scheduled: <bdi>{formatAmount(intl, component.scheduledMinor, component.currency)}</bdi>,
            status: t(`reintegration.status.${component.status}`),
          }} />
        </Text>
        {component.tranches.length === 0 && <Text size="sm" c="dimmed"><FormattedMessage id="payments.tranche.none" /></Text>}
        {component.tranches.map((tr) => <TrancheBlock key={tr.id} record={record} component={component} tranche={tr} />)}
      </Stack>
      {editing && <ScheduleModal caseId={record.id} component={component} unsafe={unsafe} onClose={() => setEditing(false)} />}
    </SectionCard>
  );
}

function TrancheBlock({ record, component, tranche }: { record: CaseRecord; component: PaymentComponent; tranche: Tranche }) {
  const intl = useIntl();
  const t = useT();
  const { can } = useSession();
  const [meeting, setMeeting] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [releasing, setReleasing] = useState(false);
  const [recording, setRecording] = useState(false);
  const meet = usePaymentAction(record.id, paymentRequests.conditionMet(record.id));
  const release = usePaymentAction(record.id, paymentRequests.release(record.id));
  const planner = can('reintegration.plan');
  const type = t(`reintegration.componentType.${component.type}`);
  const label = t('payments.tranche.label', { position: tranche.position, type });
  const headingId = `tranche-${tranche.id}`;
  const allMet = tranche.conditions.every((c) => c.met);
  return (
    <section aria-labelledby={headingId} className="tranche">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id={headingId}>{label}</Title>
          <Badge variant="light" color={tranche.released ? 'blue' : 'gray'}>
            <FormattedMessage id={tranche.released ? 'payments.tranche.released' : 'payments.tranche.notReleased'} />
          </Badge>
        </Group>
        <Text size="sm">
          <FormattedMessage id="payments.tranche.summary" values={{
            amount: <bdi>{formatAmount(intl, tranche.amountMinor, tranche.currency)}</bdi>,
            due: <bdi>{formatDay(intl, tranche.dueOn)}</bdi>,
            paid: <bdi>{formatAmount(intl, tranche.paidMinor, tranche.currency)}</bdi>,
          }} />
        </Text>
        {tranche.releasedBy && tranche.releasedAt && (
          <Text size="sm"><FormattedMessage id="payments.tranche.releasedBy" values={{ name: <bdi>{tranche.releasedBy.name}</bdi>, date: <bdi>{formatMoment(intl, String(tranche.releasedAt))}</bdi> }} /></Text>
        )}
        {tranche.conditions.length > 0 && (
          <List size="sm" spacing={4} aria-label={t('payments.condition.listOf', { tranche: label })}>
            {tranche.conditions.map((c) => (
              <List.Item key={c.id}>
                <Group gap="xs" wrap="wrap">
                  <Text size="sm">
                    <FormattedMessage id={`payments.condition.kind.${c.kind}`} />
                    {c.text && <>: <bdi>{c.text}</bdi></>}
                  </Text>
                  {c.met ? (
                    <Text size="sm">
                      <FormattedMessage id="payments.condition.metBy" values={{ name: <bdi>{c.metBy?.name ?? ''}</bdi>, date: <bdi>{c.metAt ? formatMoment(intl, String(c.metAt)) : ''}</bdi> }} />
                      {c.note && <> — <bdi>{c.note}</bdi></>}
                    </Text>
                  ) : (
                    <>
                      <Badge variant="light" color="yellow"><FormattedMessage id="payments.condition.open" /></Badge>
                      {planner && !tranche.released && (
                        <Button size="compact-sm" variant="light" onClick={() => { setNote(''); meet.reset(); setMeeting(c.id); }}
                          aria-label={t('payments.condition.meetOf', { condition: t(`payments.condition.kind.${c.kind}`), tranche: label })}>
                          <FormattedMessage id="payments.condition.meet" />
                        </Button>
                      )}
                    </>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Group gap="xs">
          {planner && !tranche.released && (
            <Button size="compact-sm" onClick={() => { release.reset(); setReleasing(true); }} disabled={!allMet} aria-label={t('payments.tranche.releaseOf', { tranche: label })}>
              <FormattedMessage id="payments.tranche.release" />
            </Button>
          )}
          {planner && !tranche.released && !allMet && <Text size="sm"><FormattedMessage id="payments.tranche.needsConditions" /></Text>}
          {can('disbursement.record') && tranche.released && (
            <Button size="compact-sm" onClick={() => setRecording(true)} aria-label={t('payments.record.openOf', { tranche: label })}>
              <FormattedMessage id="payments.record.open" />
            </Button>
          )}
        </Group>
        {tranche.disbursements.length > 0 && <DisbursementList record={record} tranche={tranche} label={label} />}
      </Stack>
      <ConfirmAction
        opened={meeting !== null} onCancel={() => setMeeting(null)}
        onConfirm={() => meeting && meet.mutate({ trancheId: tranche.id, conditionId: meeting, note }, { onSuccess: () => setMeeting(null) })}
        title="payments.condition.meetTitle" body="payments.condition.meetBody" bodyValues={{ tranche: label }}
        confirmLabel="payments.condition.meet" pending={meet.isPending} error={meet.error} errorScope="payments"
      >
        <Textarea label={t('payments.condition.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={1000} />
      </ConfirmAction>
      <ConfirmAction
        opened={releasing} onCancel={() => setReleasing(false)}
        onConfirm={() => release.mutate({ trancheId: tranche.id }, { onSuccess: () => setReleasing(false) })}
        title="payments.tranche.releaseTitle" body="payments.tranche.releaseBody"
        bodyValues={{ tranche: label, amount: <bdi>{formatAmount(intl, tranche.amountMinor, tranche.currency)}</bdi> }}
        confirmLabel="payments.tranche.release" pending={release.isPending} error={release.error} errorScope="payments"
      />
      {recording && <RecordPaymentModal record={record} component={component} tranche={tranche} label={label} onClose={() => setRecording(false)} />}
    </section>
  );
}

function Conversion({ c }: { c: StoredConversion }) {
  const intl = useIntl();
  return (
    <Text size="sm">
      <FormattedMessage id="payments.disbursement.converted" values={{
        amount: <bdi>{formatAmount(intl, c.amountMinor, c.currency)}</bdi>,
        rate: <bdi className="ltr-value">{c.rate}</bdi>,
        source: <bdi>{c.source}</bdi>,
      }} />
    </Text>
  );
}

type ReasonStep = { kind: 'reject' | 'waive' | 'reverse'; d: Disbursement };

function DisbursementList({ record, tranche, label }: { record: CaseRecord; tranche: Tranche; label: string }) {
  const intl = useIntl();
  const t = useT();
  const { can, me } = useSession();
  const [approving, setApproving] = useState<Disbursement | null>(null);
  const [step, setStep] = useState<ReasonStep | null>(null);
  const [reason, setReason] = useState('');
  const [receiptFor, setReceiptFor] = useState<Disbursement | null>(null);
  const approve = usePaymentAction(record.id, paymentRequests.approve(record.id));
  const reject = usePaymentAction(record.id, paymentRequests.reject(record.id));
  const waive = usePaymentAction(record.id, paymentRequests.waive(record.id));
  const reverse = usePaymentAction(record.id, paymentRequests.reverse(record.id));
  const stepAction = step ? { reject, waive, reverse }[step.kind] : reject;
  const attachments = useCaseAttachments(record.id);
  const fileName = (id: string | null) => attachments.data?.find((a) => a.id === id)?.fileName ?? '';
  const person = (id: string | null) => {
    const m = record.members.find((x) => x.person.id === id) ?? record.members[0];
    return m ? fullName(m.person) : '';
  };
  const amountText = (d: Disbursement) => formatAmount(intl, d.amountMinor, d.currency);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Caption><FormattedMessage id="payments.disbursement.caption" values={{ tranche: label }} /></Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col"><FormattedMessage id="payments.disbursement.paidOn" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="payments.disbursement.recipient" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="payments.disbursement.amount" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="payments.disbursement.status" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="payments.disbursement.receipt" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tranche.disbursements.map((d) => {
            const mine = me?.user.id === d.recordedBy.id;
            const paid = d.status === 'paid';
            const conversions = conversionsShown(d);
            return (
              <Table.Tr key={d.id}>
                <Table.Td className="nowrap"><bdi>{formatDay(intl, d.paidOn)}</bdi></Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">
                      {d.recipient === 'provider'
                        ? <FormattedMessage id="payments.disbursement.toProvider" />
                        : <FormattedMessage id="payments.disbursement.toPerson" values={{ name: <bdi>{person(d.personId)}</bdi> }} />}
                    </Text>
                    <Text size="sm"><FormattedMessage id={`payments.method.${d.method}`} />{d.reference && <> · <bdi>{d.reference}</bdi></>}</Text>
                    <Text size="sm"><FormattedMessage id="payments.disbursement.recordedBy" values={{ name: <bdi>{d.recordedBy.name}</bdi> }} /></Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={500}><bdi>{amountText(d)}</bdi></Text>
                    {conversions.map((c) => <Conversion key={c.currency} c={c} />)}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge variant="light" color={PAYMENT_COLOURS[d.status]}><FormattedMessage id={`payments.status.${d.status}`} /></Badge>
                    {d.needsApproval && d.threshold && d.status === 'awaiting_approval' && (
                      <Text size="sm"><FormattedMessage id="payments.disbursement.aboveThreshold" values={{ threshold: <bdi>{formatAmount(intl, d.threshold.amountMinor, d.threshold.currency)}</bdi> }} /></Text>
                    )}
                    {d.decision && (
                      <Text size="sm">
                        <FormattedMessage id={`payments.decision.${d.decision.decision}`} values={{ name: <bdi>{d.decision.decidedBy.name}</bdi>, date: <bdi>{formatMoment(intl, String(d.decision.decidedAt))}</bdi> }} />
                        {d.decision.reason && <> — <bdi>{d.decision.reason}</bdi></>}
                      </Text>
                    )}
                    {d.reversal && (
                      <Text size="sm"><FormattedMessage id="payments.disbursement.reversedBy" values={{ name: <bdi>{d.reversal.reversedBy.name}</bdi>, reason: <bdi>{d.reversal.reason}</bdi> }} /></Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {d.receipts.length === 0 ? (
                    <Text size="sm">{paid ? <FormattedMessage id="payments.receipt.missing" /> : '—'}</Text>
                  ) : d.receipts.map((r) => (r.attachmentId ? (
                    <Anchor key={r.id} size="sm" href={`/api/cases/${seg(record.id)}/attachments/${seg(r.attachmentId)}`} display="block">
                      <FormattedMessage id="payments.receipt.link" values={{ name: <bdi>{fileName(r.attachmentId)}</bdi> }} />
                    </Anchor>
                  ) : (
                    <Text key={r.id} size="sm"><FormattedMessage id="payments.receipt.waived" values={{ reason: <bdi>{r.waiverReason ?? ''}</bdi> }} /></Text>
                  )))}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {d.status === 'awaiting_approval' && can('disbursement.approve') && !mine && (
                      <>
                        <Button size="compact-sm" color="green" onClick={() => { approve.reset(); setApproving(d); }} aria-label={t('payments.approve.of', { amount: amountText(d) })}>
                          <FormattedMessage id="payments.approve.button" />
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => { setReason(''); reject.reset(); setStep({ kind: 'reject', d }); }} aria-label={t('payments.reject.of', { amount: amountText(d) })}>
                          <FormattedMessage id="payments.reject.button" />
                        </Button>
                      </>
                    )}
                    {paid && !d.receiptDone && can('disbursement.record') && (
                      <Button size="compact-sm" variant="light" onClick={() => setReceiptFor(d)} aria-label={t('payments.receipt.addOf', { amount: amountText(d) })}>
                        <FormattedMessage id="payments.receipt.add" />
                      </Button>
                    )}
                    {paid && !d.receiptDone && can('disbursement.approve') && (
                      <Button size="compact-sm" variant="subtle" onClick={() => { setReason(''); waive.reset(); setStep({ kind: 'waive', d }); }} aria-label={t('payments.waive.of', { amount: amountText(d) })}>
                        <FormattedMessage id="payments.waive.button" />
                      </Button>
                    )}
                    {paid && can('disbursement.approve') && (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => { setReason(''); reverse.reset(); setStep({ kind: 'reverse', d }); }} aria-label={t('payments.reverse.of', { amount: amountText(d) })}>
                        <FormattedMessage id="payments.reverse.button" />
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ConfirmAction
        opened={approving !== null} onCancel={() => setApproving(null)}
        onConfirm={() => approving && approve.mutate({ disbursementId: approving.id }, { onSuccess: () => setApproving(null) })}
        title="payments.approve.title" body="payments.approve.body" bodyValues={{ amount: <bdi>{approving ? amountText(approving) : ''}</bdi> }}
        confirmLabel="payments.approve.button" color="green" pending={approve.isPending} error={approve.error} errorScope="payments"
      />
      <ConfirmAction
        opened={step !== null} onCancel={() => setStep(null)}
        onConfirm={() => step && stepAction.mutate({ disbursementId: step.d.id, reason }, { onSuccess: () => setStep(null) })}
        title={`payments.${step?.kind ?? 'reject'}.title`} body={`payments.${step?.kind ?? 'reject'}.body`}
        bodyValues={{ amount: <bdi>{step ? amountText(step.d) : ''}</bdi> }}
        confirmLabel={`payments.${step?.kind ?? 'reject'}.button`} color={step?.kind === 'waive' ? undefined : 'red'}
        pending={stepAction.isPending} error={stepAction.error} errorScope="payments"
      >
        <Textarea label={t('payments.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} maxLength={1000} />
      </ConfirmAction>
      {receiptFor && <ReceiptModal record={record} disbursement={receiptFor} amount={amountText(receiptFor)} onClose={() => setReceiptFor(null)} />}
    </Table.ScrollContainer>
  );
}

/** A receipt: a file of the case already there, or one uploaded now as an attachment of the case, then linked. */
function ReceiptModal({ record, disbursement, amount, onClose }: { record: CaseRecord; disbursement: Disbursement; amount: string; onClose: () => void }) {
  const t = useT();
  const attachments = useCaseAttachments(record.id);
  const link = usePaymentAction(record.id, paymentRequests.receipt(record.id));
  const [attachmentId, setAttachmentId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!attachmentId && !file) {
      setError(t('payments.receipt.fileRequired'));
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    setError(undefined);
    setUploadError(null);
    try {
      setUploading(true);
      const id = attachmentId ?? (await uploadReceipt(record.id, file!, t('payments.receipt.fileDescription', { amount })));
      link.mutate({ disbursementId: disbursement.id, attachmentId: id }, { onSuccess: onClose });
    } catch (e) {
      setUploadError(e);
    } finally {
      setUploading(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('payments.receipt.title', { amount })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive"><ApiErrorAlert error={link.error ?? uploadError} scope="payments" /></div>
          <Select
            label={t('payments.receipt.existing')} data={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))}
            value={attachmentId} onChange={(v) => { setAttachmentId(v); if (v) setFile(null); }} clearable error={attachmentId || file ? undefined : error}
          />
          {!attachmentId && <FileField label={t('payments.receipt.upload')} file={file} onChange={setFile} accept=".pdf,.jpg,.jpeg,.png" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={uploading || link.isPending}><FormattedMessage id="payments.receipt.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** Records a payment of a released tranche. The form's Idempotency-Key is made once when it opens: a double click or a retry never pays twice. */
function RecordPaymentModal({ record, component, tranche, label, onClose }: { record: CaseRecord; component: PaymentComponent; tranche: Tranche; label: string; onClose: () => void }) {
  const t = useT();
  const [key] = useState(newIdempotencyKey);
  const save = usePaymentAction(record.id, paymentRequests.record(record.id));
  const remaining = Math.max(tranche.amountMinor - tranche.paidMinor, 0);
  const details = usePaymentDetails({ amount: remaining > 0 ? toDecimalString(remaining, tranche.currency) : '', currency: tranche.currency });
  const [recipient, setRecipient] = useState<'provider' | 'returnee'>(component.providerId ? 'provider' : 'returnee');
  const [providerId, setProviderId] = useState<string | null>(component.providerId);
  const [personId, setPersonId] = useState<string | null>(record.members[0]?.person.id ?? null);
  const [search, setSearch] = useState('');
  const providers = useProviderOptions(search);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const body = details.check({ providerId: recipient === 'provider' && !providerId ? t('payments.form.required') : undefined });
    if (!body) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    save.mutate({
      key,
      body: { trancheId: tranche.id, recipient, ...body, ...(recipient === 'provider' ? { providerId: providerId! } : personId ? { personId } : {}) },
    }, { onSuccess: onClose });
  };
  const providerOptions = (providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (providerId && !providerOptions.some((o) => o.value === providerId)) providerOptions.unshift({ value: providerId, label: t('payments.record.componentProvider') });
  return (
    <AppModal opened onClose={onClose} title={t('payments.record.title', { tranche: label })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive"><ApiErrorAlert error={save.error} scope="payments" /></div>
          <PaymentAmountFields details={details} countsIn={tranche.currency} />
          <Select
            label={t('payments.record.recipient')} value={recipient} allowDeselect={false}
            data={[{ value: 'returnee', label: t('payments.recipient.returnee') }, { value: 'provider', label: t('payments.recipient.provider') }]}
            onChange={(v) => setRecipient((v as 'provider' | 'returnee') ?? 'returnee')}
          />
          {recipient === 'provider' ? (
            <Select label={t('payments.record.provider')} data={providerOptions} value={providerId} onChange={setProviderId} searchable onSearchChange={setSearch}
              nothingFoundMessage={t('common.nothingFound')} error={details.errors.providerId} withAsterisk clearable />
          ) : (
            <Select label={t('payments.record.person')} data={record.members.map((m) => ({ value: m.person.id, label: fullName(m.person) }))} value={personId} onChange={setPersonId} allowDeselect={false} />
          )}
          <PaymentDetailFields details={details} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={save.isPending}><FormattedMessage id="payments.record.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

interface DraftCondition { kind: ConditionKind; text: string }
interface DraftTranche { amount: string; dueOn: string; conditions: DraftCondition[] }

/** The tranches of a component not released yet: prefilled from those set, else from the proposal (two tranches, one when the place is unsafe). */
function ScheduleModal({ caseId, component, unsafe, onClose }: { caseId: string; component: PaymentComponent; unsafe: boolean; onClose: () => void }) {
  const intl = useIntl();
  const t = useT();
  const pending = component.tranches.filter((x) => !x.released);
  // Chosen once when the dialog opens: saving changes the tranches, and the form must not be replaced while it closes.
  const [fromProposal] = useState(pending.length === 0);
  const proposal = useProposal(caseId, component.id, fromProposal);
  const type = t(`reintegration.componentType.${component.type}`);
  return (
    <AppModal opened onClose={onClose} title={t('payments.schedule.title', { type })} size="lg">
      {!fromProposal ? (
        <ScheduleForm caseId={caseId} component={component} onClose={onClose} unsafe={unsafe} initial={pending.map((x) => ({
          amount: toDecimalString(x.amountMinor, x.currency), dueOn: x.dueOn,
          conditions: x.conditions.map((c) => ({ kind: c.kind as ConditionKind, text: c.text ?? '' })),
        }))} />
      ) : (
        <QueryState query={proposal} errorScope="payments">
          {(p) => (
            <ScheduleForm caseId={caseId} component={component} onClose={onClose} unsafe={p.unsafeArea} initial={p.tranches.map((x) => ({
              amount: toDecimalString(x.amountMinor, x.currency), dueOn: x.dueOn,
              conditions: x.conditions.map((c) => ({ kind: c.kind as ConditionKind, text: '' })),
            }))} />
          )}
        </QueryState>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        <FormattedMessage id="payments.schedule.componentAmount" values={{ amount: <bdi>{formatAmount(intl, component.amountMinor, component.currency)}</bdi> }} />
      </Text>
    </AppModal>
  );
}

function ScheduleForm({ caseId, component, initial, unsafe, onClose }: { caseId: string; component: PaymentComponent; initial: DraftTranche[]; unsafe: boolean; onClose: () => void }) {
  const intl = useIntl();
  const t = useT();
  const save = usePaymentAction(caseId, paymentRequests.schedule(caseId));
  const [tranches, setTranches] = useState<DraftTranche[]>(initial.length ? initial : [{ amount: '', dueOn: component.startsOn, conditions: [] }]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const released = component.tranches.filter((x) => x.released).length;
  const update = (i: number, patch: Partial<DraftTranche>) => setTranches((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const setCondition = (i: number, k: number, patch: Partial<DraftCondition>) =>
    update(i, { conditions: tranches[i].conditions.map((c, j) => (j === k ? { ...c, ...patch } : c)) });
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const next: Record<string, string | undefined> = {};
    const body = tranches.map((x, i) => {
      const money = readAmount(intl, x.amount, component.currency, { required: true });
      next[`amount.${i}`] = money.error;
      if (!x.dueOn) next[`dueOn.${i}`] = t('payments.form.required');
      x.conditions.forEach((c, k) => { if (c.kind === 'other' && !c.text.trim()) next[`text.${i}.${k}`] = t('payments.form.required'); });
      return {
        amountMinor: money.amountMinor ?? 0, currency: component.currency, dueOn: x.dueOn,
        conditions: x.conditions.map((c) => (c.kind === 'other' ? { kind: c.kind, text: c.text.trim() } : { kind: c.kind })),
      };
    });
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    save.mutate({ componentId: component.id, body: { tranches: body } }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {unsafe && <Alert color="orange"><FormattedMessage id="payments.schedule.unsafeNote" /></Alert>}
        {released > 0 && <Text size="sm"><FormattedMessage id="payments.schedule.releasedKept" values={{ count: released }} /></Text>}
        <div aria-live="assertive"><ApiErrorAlert error={save.error} scope="payments" /></div>
        {tranches.map((x, i) => {
          const n = released + i + 1;
          return (
            <Fieldset key={i} legend={t('payments.schedule.trancheLegend', { position: n })}>
              <Stack gap="xs">
                <Group grow align="flex-start">
                  <MoneyInput label={t('payments.schedule.amount', { position: n })} value={x.amount} onChange={(v) => update(i, { amount: v })} currency={component.currency} error={errors[`amount.${i}`]} withAsterisk />
                  <DateField label={t('payments.schedule.dueOn', { position: n })} value={x.dueOn} onChange={(v) => update(i, { dueOn: v })} error={errors[`dueOn.${i}`]} withAsterisk />
                </Group>
                {x.conditions.map((c, k) => (
                  <Group key={k} align="flex-end" wrap="nowrap">
                    <Select
                      style={{ flex: 1 }} label={t('payments.schedule.condition', { position: n, number: k + 1 })} value={c.kind} allowDeselect={false}
                      data={CONDITION_KINDS.map((kind) => ({ value: kind, label: t(`payments.condition.kind.${kind}`) }))}
                      onChange={(v) => v && setCondition(i, k, { kind: v as ConditionKind })}
                    />
                    {c.kind === 'other' && (
                      <TextInput style={{ flex: 1 }} label={t('payments.schedule.conditionText', { position: n, number: k + 1 })} value={c.text}
                        onChange={(e) => setCondition(i, k, { text: e.currentTarget.value })} error={errors[`text.${i}.${k}`]} maxLength={500} withAsterisk />
                    )}
                    <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('payments.schedule.removeCondition', { position: n, number: k + 1 })}
                      onClick={() => update(i, { conditions: x.conditions.filter((_, j) => j !== k) })}>×</ActionIcon>
                  </Group>
                ))}
                <Group gap="xs">
                  <Button size="compact-sm" variant="light" onClick={() => update(i, { conditions: [...x.conditions, { kind: 'other', text: '' }] })}>
                    <FormattedMessage id="payments.schedule.addCondition" values={{ position: n }} />
                  </Button>
                  {tranches.length > 1 && (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => setTranches((all) => all.filter((_, j) => j !== i))}>
                      <FormattedMessage id="payments.schedule.removeTranche" values={{ position: n }} />
                    </Button>
                  )}
                </Group>
              </Stack>
            </Fieldset>
          );
        })}
        <Group justify="space-between">
          <Button variant="light" onClick={() => setTranches((all) => [...all, { amount: '', dueOn: component.endsOn, conditions: [] }])} disabled={tranches.length >= 12}>
            <FormattedMessage id="payments.schedule.addTranche" />
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={save.isPending}><FormattedMessage id="payments.schedule.save" /></Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

