import { Badge, Button, Group, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CommunityDisbursementView } from '../../../shared/schemas/payments';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { ConfirmAction } from '../../components/confirm-action';
import { FileField } from '../../components/file-field';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { formatAmount } from '../../components/money-input';
import { PaymentAmountFields, PaymentDetailFields, usePaymentDetails } from '../../components/payment-fields';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { newIdempotencyKey } from '../../lib/api';
import { formatDay } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { communityPaymentRequests, useCommunityDisbursements, useCommunityPaymentAction, useUsableProviders, type CommunityProjectView } from './api';

const STATUS_COLOUR: Record<string, string> = { paid: 'green', awaiting_approval: 'yellow', rejected: 'red', reversed: 'gray' };

type Translate = (id: string, values?: Record<string, string | number>) => string;
const useT = (): Translate => {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
};

type ReasonStep = { kind: 'reject' | 'waive' | 'reverse'; d: CommunityDisbursementView };

/**
 * A community project's payments: budget, paid and awaiting approval in its currency, then each
 * payment as paid and in the project's currency at its stored rate, with what the user may do
 * next: record a payment, approve or reject one above the office's threshold (not one's own),
 * attach or waive its receipt, reverse it.
 */
export function ProjectPayments({ project }: { project: Pick<CommunityProjectView, 'id' | 'title' | 'partners' | 'status'> }) {
  const intl = useIntl();
  const t = useT();
  const { can, me } = useSession();
  const query = useCommunityDisbursements(project.id);
  const [recording, setRecording] = useState(false);
  const [approving, setApproving] = useState<CommunityDisbursementView | null>(null);
  const [step, setStep] = useState<ReasonStep | null>(null);
  const [reason, setReason] = useState('');
  const [receiptFor, setReceiptFor] = useState<CommunityDisbursementView | null>(null);
  const approve = useCommunityPaymentAction(project.id, communityPaymentRequests.approve(project.id));
  const reject = useCommunityPaymentAction(project.id, communityPaymentRequests.reject(project.id));
  const waive = useCommunityPaymentAction(project.id, communityPaymentRequests.waive(project.id));
  const reverse = useCommunityPaymentAction(project.id, communityPaymentRequests.reverse(project.id));
  const stepAction = step ? { reject, waive, reverse }[step.kind] : reject;
  const amountText = (minor: number, currency: string) => formatAmount(intl, minor, currency);
  const money = (minor: number, currency: string) => <bdi dir="ltr">{amountText(minor, currency)}</bdi>;
  return (
    <SectionCard title="community.payments.title">
      <QueryState query={query} errorScope="community">
        {(list) => (
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start">
              <Text size="sm">
                <FormattedMessage id="community.payments.totals" values={{
                  budget: money(list.budgetMinor, list.currency), paid: money(list.paidMinor, list.currency), awaiting: money(list.awaitingMinor, list.currency),
                }} />
              </Text>
              {can('disbursement.record') && (
                <Button size="compact-sm" onClick={() => setRecording(true)}><FormattedMessage id="community.payments.record.open" /></Button>
              )}
            </Group>
            {list.items.length === 0 ? <Text c="dimmed"><FormattedMessage id="community.payments.none" /></Text> : (
              <Table.ScrollContainer minWidth={820}>
                <Table striped verticalSpacing="xs">
                  <Table.Caption><FormattedMessage id="community.payments.caption" values={{ title: project.title }} /></Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.paidOn" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.recipient" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.method" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.amount" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.inProjectCurrency" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.status" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="community.payments.receipt" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.items.map((d) => {
                      const mine = me?.user.id === d.recordedBy.id;
                      const paid = d.status === 'paid';
                      const amount = amountText(d.amountMinor, d.currency);
                      return (
                        <Table.Tr key={d.id}>
                          <Table.Td className="nowrap">{formatDay(intl, d.paidOn)}</Table.Td>
                          <Table.Td><bdi>{d.providerName ?? d.partnerName ?? ''}</bdi></Table.Td>
                          <Table.Td><FormattedMessage id={`community.payments.method.${d.method}`} />{d.reference && <> · <bdi>{d.reference}</bdi></>}</Table.Td>
                          <Table.Td>{money(d.amountMinor, d.currency)}</Table.Td>
                          <Table.Td>
                            {money(d.inProjectCurrency.amountMinor, d.inProjectCurrency.currency)}
                            {d.currency !== d.inProjectCurrency.currency && (
                              <Text size="xs" c="dimmed"><FormattedMessage id="community.payments.rate" values={{ rate: <bdi dir="ltr">{d.inProjectCurrency.rate}</bdi> }} /></Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Badge color={STATUS_COLOUR[d.status]} variant="light" tt="none"><FormattedMessage id={`community.payments.status.${d.status}`} /></Badge>
                            {d.needsApproval && d.threshold && d.status === 'awaiting_approval' && (
                              <Text size="xs"><FormattedMessage id="payments.disbursement.aboveThreshold" values={{ threshold: money(d.threshold.amountMinor, d.threshold.currency) }} /></Text>
                            )}
                            {d.reversal && <Text size="xs"><FormattedMessage id="community.payments.reversedBecause" values={{ reason: <bdi>{d.reversal.reason}</bdi> }} /></Text>}
                            {d.decision?.reason && <Text size="xs"><FormattedMessage id="community.payments.rejectedBecause" values={{ reason: <bdi>{d.decision.reason}</bdi> }} /></Text>}
                          </Table.Td>
                          <Table.Td>
                            {d.receipts.length === 0 ? (paid ? <FormattedMessage id="community.payments.receipt.none" /> : '—') : d.receipts.map((r) => (
                              <Text key={r.id} size="sm">
                                {r.fileName ? <bdi>{r.fileName}</bdi> : <FormattedMessage id="community.payments.receipt.waived" values={{ reason: <bdi>{r.waiverReason}</bdi> }} />}
                              </Text>
                            ))}
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              {d.status === 'awaiting_approval' && can('disbursement.approve') && !mine && (
                                <>
                                  <Button size="compact-sm" color="green" onClick={() => { approve.reset(); setApproving(d); }} aria-label={t('payments.approve.of', { amount })}>
                                    <FormattedMessage id="payments.approve.button" />
                                  </Button>
                                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => { setReason(''); reject.reset(); setStep({ kind: 'reject', d }); }} aria-label={t('payments.reject.of', { amount })}>
                                    <FormattedMessage id="payments.reject.button" />
                                  </Button>
                                </>
                              )}
                              {paid && !d.receiptDone && can('disbursement.record') && (
                                <Button size="compact-sm" variant="light" onClick={() => setReceiptFor(d)} aria-label={t('payments.receipt.addOf', { amount })}>
                                  <FormattedMessage id="payments.receipt.add" />
                                </Button>
                              )}
                              {paid && !d.receiptDone && can('disbursement.approve') && (
                                <Button size="compact-sm" variant="subtle" onClick={() => { setReason(''); waive.reset(); setStep({ kind: 'waive', d }); }} aria-label={t('payments.waive.of', { amount })}>
                                  <FormattedMessage id="payments.waive.button" />
                                </Button>
                              )}
                              {paid && can('disbursement.approve') && (
                                <Button size="compact-sm" variant="subtle" color="red" onClick={() => { setReason(''); reverse.reset(); setStep({ kind: 'reverse', d }); }} aria-label={t('payments.reverse.of', { amount })}>
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
              </Table.ScrollContainer>
            )}
            <ConfirmAction
              opened={approving !== null} onCancel={() => setApproving(null)}
              onConfirm={() => approving && approve.mutate({ disbursementId: approving.id }, { onSuccess: () => setApproving(null) })}
              title="payments.approve.title" body="community.payments.approve.body" bodyValues={{ amount: <bdi>{approving ? amountText(approving.amountMinor, approving.currency) : ''}</bdi> }}
              confirmLabel="payments.approve.button" color="green" pending={approve.isPending} error={approve.error} errorScope="payments"
            />
            <ConfirmAction
              opened={step !== null} onCancel={() => setStep(null)}
              onConfirm={() => step && stepAction.mutate({ disbursementId: step.d.id, reason }, { onSuccess: () => setStep(null) })}
              title={`payments.${step?.kind ?? 'reject'}.title`} body={step?.kind === 'reverse' ? 'community.payments.reverse.body' : `payments.${step?.kind ?? 'reject'}.body`}
              bodyValues={{ amount: <bdi>{step ? amountText(step.d.amountMinor, step.d.currency) : ''}</bdi> }}
              confirmLabel={`payments.${step?.kind ?? 'reject'}.button`} color={step?.kind === 'waive' ? undefined : 'red'}
              pending={stepAction.isPending} error={stepAction.error} errorScope="payments"
            >
              <Textarea label={t('payments.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} maxLength={1000} />
            </ConfirmAction>
            {receiptFor && (
              <ReceiptModal projectId={project.id} disbursement={receiptFor} amount={amountText(receiptFor.amountMinor, receiptFor.currency)} onClose={() => setReceiptFor(null)} />
            )}
            {recording && <RecordModal project={project} currency={list.currency} onClose={() => setRecording(false)} />}
          </Stack>
        )}
      </QueryState>
    </SectionCard>
  );
}

/** The receipt of a paid payment, uploaded as a file of the project's payment. */
function ReceiptModal({ projectId, disbursement, amount, onClose }: { projectId: string; disbursement: CommunityDisbursementView; amount: string; onClose: () => void }) {
  const t = useT();
  const upload = useCommunityPaymentAction(projectId, communityPaymentRequests.receipt(projectId));
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    if (!file) {
      setError(t('community.payments.receipt.fileRequired'));
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    setError(undefined);
    upload.mutate({ disbursementId: disbursement.id, file }, { onSuccess: onClose });
  };
  return (
    <AppModal opened onClose={onClose} title={t('payments.receipt.title', { amount })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive"><ApiErrorAlert error={upload.error} scope="payments" /></div>
          <FileField label={t('community.payments.receipt.file')} file={file} onChange={setFile} accept=".pdf,.jpg,.jpeg,.png" error={error} required />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={upload.isPending}><FormattedMessage id="community.payments.receipt.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/**
 * Records a payment of the project to a service provider or to one of its partners. The form's
 * Idempotency-Key is made once when it opens: a double click or a retry never pays twice.
 */
function RecordModal({ project, currency: projectCurrency, onClose }: { project: Pick<CommunityProjectView, 'id' | 'title' | 'partners'>; currency: string; onClose: () => void }) {
  const t = useT();
  const [key] = useState(newIdempotencyKey);
  const save = useCommunityPaymentAction(project.id, communityPaymentRequests.record(project.id));
  const providers = useUsableProviders();
  const details = usePaymentDetails({ currency: projectCurrency });
  const namedPartners = project.partners.filter((p) => !p.providerId).map((p) => p.name);
  const [recipient, setRecipient] = useState<'provider' | 'partner'>(namedPartners.length > 0 && project.partners.every((p) => !p.providerId) ? 'partner' : 'provider');
  const [providerId, setProviderId] = useState<string | null>(project.partners.find((p) => p.providerId)?.providerId ?? null);
  const [partnerName, setPartnerName] = useState<string | null>(namedPartners[0] ?? null);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const required = t('payments.form.required');
    const body = details.check({
      providerId: recipient === 'provider' && !providerId ? required : undefined,
      partnerName: recipient === 'partner' && !partnerName?.trim() ? required : undefined,
    });
    if (!body) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    save.mutate({ key, body: { recipient, ...body, ...(recipient === 'provider' ? { providerId: providerId! } : { partnerName: partnerName!.trim() }) } }, { onSuccess: onClose });
  };
  const providerOptions = (providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  return (
    <AppModal opened onClose={onClose} title={t('community.payments.record.title', { title: project.title })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive"><ApiErrorAlert error={save.error} scope="payments" /></div>
          <Select
            label={t('payments.record.recipient')} value={recipient} allowDeselect={false}
            data={[{ value: 'provider', label: t('payments.recipient.provider') }, { value: 'partner', label: t('community.payments.recipient.partner') }]}
            onChange={(v) => setRecipient((v as 'provider' | 'partner') ?? 'provider')}
          />
          {recipient === 'provider' ? (
            <Select label={t('payments.record.provider')} data={providerOptions} value={providerId} onChange={setProviderId} searchable
              nothingFoundMessage={t('common.nothingFound')} error={details.errors.providerId} withAsterisk clearable />
          ) : (
            <Select label={t('community.payments.record.partner')} data={namedPartners} value={partnerName} onChange={setPartnerName} allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')} error={details.errors.partnerName} withAsterisk
              description={namedPartners.length === 0 ? t('community.payments.record.noPartner') : undefined} />
          )}
          <PaymentAmountFields details={details} countsIn={projectCurrency} />
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
