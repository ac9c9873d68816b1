import { Alert, Anchor, Badge, Button, Group, List, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { DateField } from '../../components/date-field';
import { FileField } from '../../components/file-field';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { formatAmount } from '../../components/money-input';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { seg } from '../../lib/api';
import { formatDay, formatMoment, todayIso } from '../../lib/dates';
import { rankedFilter, useLanguages } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { useCaseAttachments } from '../cases';
import { ArrivalAssessmentCard } from '../monitoring';
import { PaymentsSection } from '../payments';
import { planRequests, usePlan, usePlanAction, uploadSignedPlan, type PlanCheck, type PlanComponent, type PlanVersion, type PlanWithEtag } from './api';
import { ComponentModal } from './component-form';
import { shownPersonName } from '../../lib/erased';

const STATUS_COLOURS: Record<string, string> = { planned: 'gray', in_progress: 'blue', delivered: 'green', cancelled: 'red' };

function Totals({ version }: { version: PlanVersion }) {
  const intl = useIntl();
  if (!version.totals.length) return null;
  return (
    <Text size="sm">
      <FormattedMessage id="reintegration.totals" />{' '}
      {version.totals.map((x, i) => (
        <span key={x.currency}>{i > 0 && ' · '}<bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi></span>
      ))}
    </Text>
  );
}

function ComponentsTable({ caseId, version, caption, rowActions }: { caseId: string; version: PlanVersion; caption: string; rowActions?: (row: PlanComponent) => React.ReactNode }) {
  const intl = useIntl();
  const columns: DataColumn<PlanComponent>[] = [
    { id: 'type', header: 'reintegration.component.type', cell: (x) => (
      <Stack gap={2}>
        <Text size="sm" fw={500}><FormattedMessage id={`reintegration.componentType.${x.type}`} /></Text>
        <Text size="sm">{x.description}</Text>
        {x.employer && <Text size="sm"><FormattedMessage id="reintegration.component.employerIs" values={{ employer: <bdi>{x.employer}</bdi> }} /></Text>}
        {x.expectedMonthlyIncome && <Text size="sm"><FormattedMessage id="reintegration.component.incomeIs" values={{ amount: <bdi>{formatAmount(intl, x.expectedMonthlyIncome.amountMinor, x.expectedMonthlyIncome.currency)}</bdi> }} /></Text>}
        {x.provider && <Text size="sm"><FormattedMessage id="reintegration.component.providerIs" values={{ name: <bdi>{x.provider.name}</bdi> }} /></Text>}
        {x.businessPlan && (
          <Anchor size="sm" href={`/api/cases/${seg(caseId)}/attachments/${seg(x.businessPlan.id)}`}>
            <FormattedMessage id="reintegration.component.businessPlanLink" values={{ name: <bdi>{x.businessPlan.fileName}</bdi> }} />
          </Anchor>
        )}
      </Stack>
    ) },
    { id: 'members', header: 'reintegration.component.members', cell: (x) => x.members.map((m, i) => <span key={m.id}>{i > 0 && ', '}<bdi>{shownPersonName(m.name)}</bdi></span>) },
    { id: 'amount', header: 'reintegration.component.amount', nowrap: true, cell: (x) => <bdi>{formatAmount(intl, x.amountMinor, x.currency)}</bdi> },
    { id: 'budgetLine', header: 'reintegration.component.budgetLine', cell: (x) => (x.budgetLine ? (
      <Stack gap={2}>
        <Text size="sm"><bdi>{x.budgetLine.code}</bdi> · <bdi>{x.budgetLine.name}</bdi></Text>
        {x.committed && <Text size="sm"><FormattedMessage id="reintegration.component.committedIs" values={{ amount: <bdi>{formatAmount(intl, x.committed.amountMinor, x.committed.currency)}</bdi> }} /></Text>}
      </Stack>
    ) : <Text size="sm"><FormattedMessage id="reintegration.check.noBudgetLine" /></Text>) },
    { id: 'dates', header: 'reintegration.component.dates', nowrap: true, cell: (x) => <><bdi>{formatDay(intl, x.startsOn)}</bdi> – <bdi>{formatDay(intl, x.endsOn)}</bdi></> },
    { id: 'status', header: 'reintegration.component.status', cell: (x) => (
      <Stack gap={2}>
        <Badge color={STATUS_COLOURS[x.status]} variant="light"><FormattedMessage id={`reintegration.status.${x.status}`} /></Badge>
        {x.cancelReason && <Text size="sm">{x.cancelReason}</Text>}
      </Stack>
    ) },
  ];
  return (
    <DataTable columns={columns} rows={version.components} rowKey={(x) => x.id} caption={caption} empty="reintegration.noComponents" rowActions={rowActions} minWidth={720} />
  );
}

/** Entitled against planned per entitlement component and for the household; over is said in words, not by colour alone. */
function MoneyCheck({ check }: { check: PlanCheck }) {
  const intl = useIntl();
  const money = (minor: number) => <bdi>{formatAmount(intl, minor, check.currency ?? '')}</bdi>;
  const row = (key: string, label: React.ReactNode, l: { entitledMinor: number; plannedMinor: number; over: boolean }) => (
    <Table.Tr key={key}>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>{money(l.entitledMinor)}</Table.Td>
      <Table.Td>{money(l.plannedMinor)}</Table.Td>
      <Table.Td>
        {l.over
          ? <Badge color="red" variant="light"><FormattedMessage id="reintegration.check.over" values={{ amount: formatAmount(intl, l.plannedMinor - l.entitledMinor, check.currency ?? '') }} /></Badge>
          : <Badge color="green" variant="light"><FormattedMessage id="reintegration.check.within" /></Badge>}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <SectionCard title="reintegration.check.title">
      <Stack gap="sm">
        {check.entitlement === 'none' ? (
          <Alert color="yellow"><FormattedMessage id="reintegration.check.none" /></Alert>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Caption><FormattedMessage id="reintegration.check.caption" values={{ currency: check.currency ?? '' }} /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="reintegration.check.component" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="reintegration.check.entitled" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="reintegration.check.planned" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="reintegration.check.result" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {check.components.map((l) => row(l.component, <FormattedMessage id={`eligibility.component.${l.component}`} />, l))}
                {check.household && row('household', <FormattedMessage id="reintegration.check.household" />, check.household)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {check.unconverted.length > 0 && (
          <Alert color="yellow"><FormattedMessage id="reintegration.check.unconverted" values={{ currencies: [...new Set(check.unconverted.map((u) => u.currency))].join(', ') }} /></Alert>
        )}
        {check.noBudgetLine.length > 0 && (
          <Text size="sm">
            <FormattedMessage id="reintegration.check.noBudgetLineList" values={{ types: check.noBudgetLine.map((x) => intl.formatMessage({ id: `reintegration.componentType.${x.type}` })).join(', ') }} />
          </Text>
        )}
      </Stack>
    </SectionCard>
  );
}

function VersionLine({ version }: { version: PlanVersion }) {
  const intl = useIntl();
  const languages = useLanguages();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        <FormattedMessage id="reintegration.history.version" values={{ number: version.number, status: intl.formatMessage({ id: `reintegration.versionStatus.${version.status}` }) }} />
      </Text>
      <Text size="sm"><FormattedMessage id="reintegration.history.drafted" values={{ name: <bdi>{version.draftedBy.name}</bdi>, date: <bdi>{formatMoment(intl, String(version.draftedAt))}</bdi> }} /></Text>
      {version.agreement ? (
        <Text size="sm">
          <FormattedMessage id="reintegration.history.agreed" values={{ date: <bdi>{formatDay(intl, version.agreement.agreedOn)}</bdi>, language: languages.name(version.agreement.language), name: <bdi>{version.agreement.recordedBy.name}</bdi> }} />
        </Text>
      ) : <Text size="sm"><FormattedMessage id="reintegration.history.notAgreed" /></Text>}
      {version.approvedBy && version.approvedAt && (
        <Text size="sm"><FormattedMessage id="reintegration.history.approved" values={{ name: <bdi>{version.approvedBy.name}</bdi>, date: <bdi>{formatMoment(intl, String(version.approvedAt))}</bdi> }} /></Text>
      )}
      {version.entitlementOverride && (
        <Text size="sm"><FormattedMessage id="reintegration.history.overridden" values={{ name: <bdi>{version.entitlementOverride.by.name}</bdi>, reason: <bdi>{version.entitlementOverride.reason}</bdi> }} /></Text>
      )}
    </Stack>
  );
}

/** The returnee's agreement to the draft: the day, the language, the signed plan (chosen from the case's files or uploaded). */
function AgreementForm({ caseId, current }: { caseId: string; current: PlanWithEtag }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const languages = useLanguages();
  const attachments = useCaseAttachments(caseId);
  const agree = usePlanAction(caseId, planRequests.agree(caseId));
  const [agreedOn, setAgreedOn] = useState(todayIso());
  const [language, setLanguage] = useState<string | null>(null);
  const [attachmentId, setAttachmentId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploadError, setUploadError] = useState<unknown>(null);
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const next: Record<string, string> = {};
    if (!agreedOn) next.agreedOn = t('reintegration.form.required');
    if (!language) next.language = t('reintegration.form.required');
    if (!attachmentId && !file) next.attachment = t('reintegration.agreement.attachmentRequired');
    setErrors(next);
    if (Object.keys(next).length) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    setUploadError(null);
    try {
      const id = attachmentId ?? (await uploadSignedPlan(caseId, file!, t('reintegration.agreement.fileDescription')));
      agree.mutate({ input: { agreedOn, language: language!, attachmentId: id }, etag: current.etag });
    } catch (error) {
      setUploadError(error);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="plan-agreement">
      <Stack gap="sm">
        <Title order={3} size="h5" id="plan-agreement"><FormattedMessage id="reintegration.agreement.title" /></Title>
        <div aria-live="assertive">
          <ApiErrorAlert error={agree.error ?? uploadError} scope="reintegration" />
        </div>
        <Group grow align="flex-start">
          <DateField label={t('reintegration.agreement.date')} value={agreedOn} max={todayIso()} onChange={setAgreedOn} error={errors.agreedOn} withAsterisk />
          <Select
            label={t('reintegration.agreement.language')} data={languages.options} filter={rankedFilter} value={language} onChange={setLanguage}
            error={errors.language} allowDeselect={false} searchable nothingFoundMessage={t('common.nothingFound')} withAsterisk
          />
        </Group>
        <Select
          label={t('reintegration.agreement.attachment')} description={t('reintegration.agreement.attachmentHint')}
          data={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))} value={attachmentId}
          onChange={(v) => { setAttachmentId(v); if (v) setFile(null); }} clearable error={errors.attachment}
        />
        {!attachmentId && <FileField label={t('reintegration.agreement.upload')} file={file} onChange={setFile} accept=".pdf,.jpg,.jpeg,.png" />}
        <Group justify="flex-end">
          <Button type="submit" loading={agree.isPending}><FormattedMessage id="reintegration.agreement.record" /></Button>
        </Group>
      </Stack>
    </form>
  );
}

type StatusChange = { component: PlanComponent; status: 'in_progress' | 'delivered' | 'cancelled' };

function PlanBody({ record, current }: { record: CaseRecord; current: PlanWithEtag }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { can, me } = useSession();
  const { plan } = current;
  const [editing, setEditing] = useState<PlanComponent | 'new' | null>(null);
  const [removing, setRemoving] = useState<PlanComponent | null>(null);
  const [approving, setApproving] = useState(false);
  const [changing, setChanging] = useState<StatusChange | null>(null);
  const [reason, setReason] = useState('');
  const [entitlementReason, setEntitlementReason] = useState('');
  const [budgetReason, setBudgetReason] = useState('');
  const remove = usePlanAction(record.id, planRequests.remove(record.id));
  const approve = usePlanAction(record.id, planRequests.approve(record.id));
  const propose = usePlanAction(record.id, planRequests.change(record.id));
  const status = usePlanAction(record.id, planRequests.status(record.id));
  const { draft, approved } = plan;
  const mayApprove = can('reintegration.approve') && ['arrived', 'reintegration', 'monitoring'].includes(plan.stage);
  const author = draft && me?.user.id === draft.draftedBy.id;
  const delivering = plan.editable && ['reintegration', 'monitoring'].includes(plan.stage);

  const needsOverride = Boolean(plan.check && plan.check.versionId === draft?.id && !plan.check.withinEntitlement);
  return (
    <Stack gap="md">
      {plan.check && <MoneyCheck check={plan.check} />}
      {!draft && !approved && (
        <SectionCard title="reintegration.title" actions={plan.editable && <Button onClick={() => setEditing('new')}><FormattedMessage id="reintegration.component.add" /></Button>}>
          <Text size="sm"><FormattedMessage id={plan.editable ? 'reintegration.none' : 'reintegration.noneReadOnly'} /></Text>
        </SectionCard>
      )}
      {draft && (
        <SectionCard
          title="reintegration.draft.title" values={{ number: draft.number }}
          actions={plan.editable && <Button onClick={() => setEditing('new')}><FormattedMessage id="reintegration.component.add" /></Button>}
        >
          <Stack gap="sm">
            <VersionLine version={draft} />
            <ComponentsTable
              caseId={record.id} version={draft} caption={t('reintegration.draft.caption', { number: draft.number })}
              rowActions={plan.editable ? (x) => (
                <Group gap="xs" wrap="nowrap">
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(x)} aria-label={t('reintegration.component.editOf', { type: t(`reintegration.componentType.${x.type}`) })}>
                    <FormattedMessage id="common.edit" />
                  </Button>
                  {x.status === 'planned' && (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(x)} aria-label={t('reintegration.component.removeOf', { type: t(`reintegration.componentType.${x.type}`) })}>
                      <FormattedMessage id="reintegration.component.remove" />
                    </Button>
                  )}
                </Group>
              ) : undefined}
            />
            <Totals version={draft} />
            {plan.editable && draft.components.length > 0 && <AgreementForm caseId={record.id} current={current} />}
            {mayApprove && (author ? (
              <Alert color="yellow"><FormattedMessage id="reintegration.approve.author" /></Alert>
            ) : (
              <Group justify="flex-end">
                <Button color="green" onClick={() => { setEntitlementReason(''); setBudgetReason(''); setApproving(true); }} disabled={!draft.agreement}><FormattedMessage id="reintegration.approve.button" /></Button>
              </Group>
            ))}
            {mayApprove && !author && !draft.agreement && <Text size="sm"><FormattedMessage id="reintegration.approve.needsAgreement" /></Text>}
          </Stack>
        </SectionCard>
      )}
      {approved && (
        <SectionCard
          title="reintegration.approved.title" values={{ number: approved.number }}
          actions={plan.editable && !draft && (
            <Button variant="light" loading={propose.isPending} onClick={() => propose.mutate({ input: null, etag: current.etag })}>
              <FormattedMessage id="reintegration.change.button" />
            </Button>
          )}
        >
          <Stack gap="sm">
            <ApiErrorAlert error={propose.error} scope="reintegration" />
            <VersionLine version={approved} />
            <ComponentsTable
              caseId={record.id} version={approved} caption={t('reintegration.approved.caption', { number: approved.number })}
              rowActions={delivering ? (x) => (x.status === 'delivered' || x.status === 'cancelled' ? null : (
                <Group gap="xs" wrap="nowrap">
                  {x.status === 'planned' && (
                    <Button size="compact-sm" variant="light" onClick={() => setChanging({ component: x, status: 'in_progress' })} aria-label={t('reintegration.status.markInProgressOf', { type: t(`reintegration.componentType.${x.type}`) })}>
                      <FormattedMessage id="reintegration.status.markInProgress" />
                    </Button>
                  )}
                  <Button size="compact-sm" variant="light" color="green" onClick={() => setChanging({ component: x, status: 'delivered' })} aria-label={t('reintegration.status.markDeliveredOf', { type: t(`reintegration.componentType.${x.type}`) })}>
                    <FormattedMessage id="reintegration.status.markDelivered" />
                  </Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => { setReason(''); setChanging({ component: x, status: 'cancelled' }); }} aria-label={t('reintegration.status.cancelOf', { type: t(`reintegration.componentType.${x.type}`) })}>
                    <FormattedMessage id="reintegration.status.cancel" />
                  </Button>
                </Group>
              )) : undefined}
            />
            <Totals version={approved} />
          </Stack>
        </SectionCard>
      )}
      {approved && <PaymentsSection record={record} />}
      {plan.versions.length > 0 && (
        <SectionCard title="reintegration.history.title">
          <List spacing="sm" listStyleType="none">
            {plan.versions.map((v) => <List.Item key={v.id}><VersionLine version={v} /></List.Item>)}
          </List>
        </SectionCard>
      )}

      {editing && <ComponentModal record={record} current={current} component={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmAction
        opened={removing !== null} onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ input: { id: removing.id }, etag: current.etag }, { onSuccess: () => setRemoving(null) })}
        title="reintegration.component.removeTitle" body="reintegration.component.removeBody"
        confirmLabel="reintegration.component.remove" color="red" pending={remove.isPending} error={remove.error} errorScope="reintegration"
      />
      <ConfirmAction
        opened={approving} onCancel={() => setApproving(false)}
        onConfirm={() => approve.mutate(
          { input: { entitlementOverrideReason: entitlementReason.trim() || null, budgetOverrideReason: budgetReason.trim() || null }, etag: current.etag },
          { onSuccess: () => setApproving(false) },
        )}
        title="reintegration.approve.title" body={plan.stage === 'arrived' ? 'reintegration.approve.bodyFirst' : 'reintegration.approve.bodyChange'}
        confirmLabel="reintegration.approve.button" color="green" pending={approve.isPending} error={approve.error} errorScope="reintegration"
      >
        {needsOverride && (can('reintegration.override') ? (
          <Textarea
            label={t('reintegration.approve.entitlementReason')} description={t('reintegration.approve.entitlementReasonHint')}
            value={entitlementReason} onChange={(e) => setEntitlementReason(e.currentTarget.value)} maxLength={500} withAsterisk autosize minRows={2}
          />
        ) : <Alert color="yellow"><FormattedMessage id="reintegration.approve.overEntitlement" /></Alert>)}
        {can('finance.override') && (
          <Textarea
            label={t('reintegration.approve.budgetReason')} description={t('reintegration.approve.budgetReasonHint')}
            value={budgetReason} onChange={(e) => setBudgetReason(e.currentTarget.value)} maxLength={500} autosize minRows={2}
          />
        )}
      </ConfirmAction>
      <ConfirmAction
        opened={changing !== null} onCancel={() => setChanging(null)}
        onConfirm={() => changing && status.mutate(
          { input: { id: changing.component.id, body: changing.status === 'cancelled' ? { status: 'cancelled', reason } : { status: changing.status } }, etag: current.etag },
          { onSuccess: () => setChanging(null) },
        )}
        title={`reintegration.status.confirm.${changing?.status ?? 'delivered'}`}
        body={`reintegration.status.confirmBody.${changing?.status ?? 'delivered'}`}
        bodyValues={{ type: changing ? t(`reintegration.componentType.${changing.component.type}`) : '' }}
        confirmLabel={`reintegration.status.confirmButton.${changing?.status ?? 'delivered'}`}
        color={changing?.status === 'cancelled' ? 'red' : 'green'} pending={status.isPending} error={status.error} errorScope="reintegration"
      >
        {changing?.status === 'cancelled' && (
          <Textarea label={t('reintegration.status.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} />
        )}
      </ConfirmAction>
    </Stack>
  );
}

/** The case's Reintegration tab: the plan, its components and their delivery, the agreement, approval and history. */
export function ReintegrationTab({ record }: { record: CaseRecord; etag: string }) {
  const plan = usePlan(record.id);
  return (
    <Stack>
      <ArrivalAssessmentCard caseId={record.id} stage={record.stage} />
      <QueryState query={plan} errorScope="reintegration">
        {(current) => <PlanBody record={record} current={current} />}
      </QueryState>
    </Stack>
  );
}
