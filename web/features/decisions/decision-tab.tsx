import { Alert, Anchor, Badge, Button, Card, Group, List, Loader, Stack, Switch, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { seg } from '../../lib/api';
import { formatDay, formatMoment } from '../../lib/dates';
import { useLanguages } from '../../lib/reference';
import { useSession } from '../../lib/session';
import type { Stage } from '../../../shared/cases';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { decisionRequests, useDecisionAction, useDecisionOverview, type Decision, type DecisionMember, type OverviewWithEtag } from './api';
import { DecisionForm } from './decision-form';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { shownPersonName } from '../../lib/erased';

const DECISION_STAGES: Stage[] = ['counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation'];
const WITHDRAWABLE: Stage[] = ['registered', ...DECISION_STAGES];

function DecisionSummary({ caseId, decision }: { caseId: string; decision: Decision }) {
  const intl = useIntl();
  const languages = useLanguages();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  return (
    <Stack gap={2}>
      <Text size="sm">
        <FormattedMessage
          id="decisions.summary"
          values={{
            version: String(decision.version),
            date: <bdi>{formatDay(intl, decision.decidedOn)}</bdi>,
            by: decision.decidedBy === 'self' ? t('decisions.decidedBy.self') : <>{t(`decisions.decidedBy.${decision.decidedBy}`)}: <bdi>{decision.representativeName ?? ''}</bdi></>,
          }}
        />
      </Text>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="decisions.summaryDetails" values={{ language: languages.name(decision.language), counsellor: <bdi>{decision.counsellor?.name ?? ''}</bdi> }} />
      </Text>
      {decision.declaration && (
        <Anchor size="sm" href={`/api/cases/${seg(caseId)}/attachments/${seg(decision.declaration.id)}`}>
          <FormattedMessage id="decisions.declarationLink" values={{ name: <bdi>{decision.declaration.fileName ?? ''}</bdi> }} />
        </Anchor>
      )}
    </Stack>
  );
}

function History({ caseId, member }: { caseId: string; member: DecisionMember }) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  if (member.history.length === 0) return null;
  return (
    <>
      <Button size="compact-sm" variant="subtle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        <FormattedMessage id={open ? 'decisions.history.hide' : 'decisions.history.show'} values={{ count: member.history.length }} />
      </Button>
      {open && (
        <List size="sm" spacing="xs" mt="xs" aria-label={intl.formatMessage({ id: 'decisions.history.label' }, { name: shownPersonName(member.name) })}>
          {member.history.map((d) => (
            <List.Item key={d.id}>
              <DecisionSummary caseId={caseId} decision={d} />
              <Text size="xs" c="dimmed">
                {d.endedAt ? (
                  <FormattedMessage id={`decisions.ended.${d.endedReason ?? 'superseded'}`} values={{ at: <bdi>{formatMoment(intl, d.endedAt)}</bdi> }} />
                ) : (
                  <FormattedMessage id="decisions.current" />
                )}
                {' · '}
                <FormattedMessage id="decisions.recordedBy" values={{ name: <bdi>{d.recordedByName}</bdi>, at: <bdi>{formatMoment(intl, d.recordedAt)}</bdi> }} />
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

function Members({ caseId, data }: { caseId: string; data: OverviewWithEtag }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { can } = useSession();
  const travelling = useDecisionAction(caseId, decisionRequests.travelling(caseId));
  const editable = can('case.update') && WITHDRAWABLE.includes(data.overview.stage);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="decisions.members.heading" />
      </Title>
      <div aria-live="assertive">
        <ApiErrorAlert scope="decisions" error={travelling.error} />
      </div>
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="decisions.members.name" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="decisions.members.travels" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="decisions.members.current" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.overview.members.map((m) => (
              <Table.Tr key={m.personId}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm"><bdi>{shownPersonName(m.name)}</bdi></Text>
                    {m.isPrincipal && <Badge size="sm" variant="light"><FormattedMessage id="decisions.members.principal" /></Badge>}
                    {m.minor && <Badge size="sm" variant="light" color="grape"><FormattedMessage id="decisions.members.minor" /></Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    checked={m.travelling}
                    disabled={!editable || m.isPrincipal || travelling.isPending}
                    label={t(m.travelling ? 'decisions.members.travelsYes' : 'decisions.members.travelsNo')}
                    aria-label={t('decisions.members.travelsFor', { name: shownPersonName(m.name) })}
                    onChange={(e) => travelling.mutate({ input: { personId: m.personId, travelling: e.currentTarget.checked }, etag: data.etag })}
                  />
                </Table.Td>
                <Table.Td>
                  {m.current ? (
                    <DecisionSummary caseId={caseId} decision={m.current} />
                  ) : m.travelling ? (
                    <Badge color="orange" variant="light"><FormattedMessage id="decisions.members.missing" /></Badge>
                  ) : (
                    <Text size="sm" c="dimmed"><FormattedMessage id="decisions.members.notNeeded" /></Text>
                  )}
                  <History caseId={caseId} member={m} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function ApplicationBlock({ caseId, data }: { caseId: string; data: OverviewWithEtag }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { can, me } = useSession();
  const submit = useDecisionAction(caseId, decisionRequests.submit(caseId));
  const decide = useDecisionAction(caseId, decisionRequests.decide(caseId));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  // The outcome the user asked for, confirmed in a dialog before it is sent.
  const [asked, setAsked] = useState<'approved' | 'rejected'>('approved');
  const [asking, setAsking] = useState(false);
  const { overview } = data;
  const pending = overview.applications.find((a) => a.outcome === null);
  const ownSubmission = pending?.submittedBy.id === me?.user.id;

  const ask = (outcome: 'approved' | 'rejected') => {
    if (outcome === 'rejected' && !reason.trim()) {
      setReasonError(t('decisions.application.reasonRequired'));
      document.getElementById('application-reason')?.focus();
      return;
    }
    decide.reset();
    setAsked(outcome);
    setAsking(true);
  };
  const confirm = () => {
    const outcome = asked;
    decide.mutate(
      { input: { outcome, ...(reason.trim() ? { reason: reason.trim() } : {}) }, etag: data.etag },
      {
        onSuccess: () => {
          setAsking(false);
          setReason('');
          notifications.show({ color: 'green', message: t(outcome === 'approved' ? 'decisions.application.approved' : 'decisions.application.rejected') });
        },
      },
    );
  };

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="decisions.application.heading" />
      </Title>
      <Stack gap="sm">
        <div aria-live="assertive">
          <ApiErrorAlert scope="decisions" error={submit.error ?? (asking ? null : decide.error)} />
        </div>
        {overview.stage === 'decision_recorded' && can('application.submit') && (
          <div>
            <Button
              onClick={() => submit.mutate({ input: null, etag: data.etag }, { onSuccess: () => notifications.show({ color: 'green', message: t('decisions.application.submitted') }) })}
              loading={submit.isPending}
            >
              <FormattedMessage id="decisions.application.submit" />
            </Button>
          </div>
        )}
        {overview.stage === 'counselling' && (
          <Text size="sm" c="dimmed"><FormattedMessage id="decisions.application.needsDecisions" /></Text>
        )}
        {pending && overview.stage === 'application_submitted' && (
          <Alert color="blue" title={t('decisions.application.pending')}>
            <Text size="sm">
              <FormattedMessage id="decisions.application.submittedBy" values={{ name: <bdi>{pending.submittedBy.name}</bdi>, at: <bdi>{formatMoment(intl, pending.submittedAt)}</bdi> }} />
            </Text>
            {can('case.approve') && ownSubmission && (
              <Text size="sm" mt="xs"><FormattedMessage id="decisions.application.ownSubmission" /></Text>
            )}
          </Alert>
        )}
        {pending && overview.stage === 'application_submitted' && can('case.approve') && !ownSubmission && (
          <Stack gap="sm">
            <Textarea
              id="application-reason"
              label={t('decisions.application.reason')}
              description={t('decisions.application.reasonHint')}
              value={reason}
              onChange={(e) => { setReason(e.currentTarget.value); setReasonError(undefined); }}
              error={reasonError}
              autosize
              minRows={2}
            />
            <Group gap="sm">
              <Button color="green" onClick={() => ask('approved')}>
                <FormattedMessage id="decisions.application.approve" />
              </Button>
              <Button color="red" variant="outline" onClick={() => ask('rejected')}>
                <FormattedMessage id="decisions.application.reject" />
              </Button>
            </Group>
            <ConfirmAction
              opened={asking}
              onCancel={() => setAsking(false)}
              onConfirm={confirm}
              title={asked === 'rejected' ? 'decisions.application.rejectConfirm.title' : 'decisions.application.approveConfirm.title'}
              body={asked === 'rejected' ? 'decisions.application.rejectConfirm.body' : 'decisions.application.approveConfirm.body'}
              confirmLabel={asked === 'rejected' ? 'decisions.application.rejectConfirm.action' : 'decisions.application.approveConfirm.action'}
              color={asked === 'rejected' ? 'red' : 'green'}
              pending={decide.isPending}
              error={decide.error}
              errorScope="decisions"
            />
          </Stack>
        )}
        {overview.applications.length === 0 ? (
          <Text size="sm" c="dimmed"><FormattedMessage id="decisions.application.none" /></Text>
        ) : (
          <List size="sm" spacing="xs" aria-label={t('decisions.application.history')}>
            {overview.applications.map((a) => (
              <List.Item key={a.id}>
                <FormattedMessage id="decisions.application.submittedBy" values={{ name: <bdi>{a.submittedBy.name}</bdi>, at: <bdi>{formatMoment(intl, a.submittedAt)}</bdi> }} />
                {' · '}
                <FormattedMessage id={`decisions.application.outcome.${a.outcome ?? 'pending'}`} />
                {a.decidedBy?.name && a.decidedAt && (
                  <>{' · '}<FormattedMessage id="decisions.application.decidedBy" values={{ name: <bdi>{a.decidedBy.name}</bdi>, at: <bdi>{formatMoment(intl, a.decidedAt)}</bdi> }} /></>
                )}
                {a.reason && <Text size="sm" c="dimmed">{a.reason}</Text>}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

function Withdrawal({ caseId, data }: { caseId: string; data: OverviewWithEtag }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useDecisionAction(caseId, decisionRequests.withdraw(caseId));
  const { overview } = data;
  const possible = can('case.transition') && WITHDRAWABLE.includes(overview.stage);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="decisions.withdrawal.heading" />
      </Title>
      <Stack gap="sm">
        {possible ? (
          <>
            <Text size="sm"><FormattedMessage id="decisions.withdrawal.explain" /></Text>
            <div>
              <Button color="red" size="md" onClick={() => { withdraw.reset(); setOpen(true); }}>
                <FormattedMessage id="decisions.withdrawal.action" />
              </Button>
            </div>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            <FormattedMessage id={overview.stage === 'withdrawn' ? 'decisions.withdrawal.alreadyWithdrawn' : 'decisions.withdrawal.notPossible'} />
          </Text>
        )}
        {overview.withdrawals.length > 0 && (
          <List size="sm" spacing="xs" aria-label={t('decisions.withdrawal.history')}>
            {overview.withdrawals.map((w) => (
              <List.Item key={w.id}>
                <FormattedMessage id="decisions.withdrawal.entry" values={{ name: <bdi>{w.recordedByName}</bdi>, at: <bdi>{formatMoment(intl, w.at)}</bdi>, stage: t(`stage.${w.fromStage}`) }} />
                {w.reason && <Text size="sm" c="dimmed">{w.reason}</Text>}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
      <ConfirmAction
        opened={open}
        onCancel={() => setOpen(false)}
        title="decisions.withdrawal.confirmTitle"
        body="decisions.withdrawal.confirmBody"
        confirmLabel="decisions.withdrawal.confirm"
        color="red"
        pending={withdraw.isPending}
        error={withdraw.error}
        errorScope="decisions"
        onConfirm={() =>
          withdraw.mutate({ input: { reason: reason.trim() }, etag: data.etag }, {
            onSuccess: () => {
              setOpen(false);
              setReason('');
              notifications.show({ color: 'green', message: t('decisions.withdrawal.done') });
            },
          })
        }
      >
        <Textarea label={t('decisions.withdrawal.reason')} description={t('decisions.withdrawal.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
      </ConfirmAction>
    </Card>
  );
}

/** The Decision tab of a case: who travels, their informed decisions, the application, the withdrawal. */
export function DecisionTab({ record }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const query = useDecisionOverview(record.id);
  if (query.isPending) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (query.isError) return <ApiErrorAlert scope="decisions" error={query.error} />;
  const data = query.data;
  const { overview } = data;
  const canRecord = can('decision.record') && DECISION_STAGES.includes(overview.stage) && overview.members.some((m) => m.travelling);
  return (
    <Stack>
      {overview.stage === 'registered' && (
        <Alert color="blue"><FormattedMessage id="decisions.counsellingFirst" /></Alert>
      )}
      {(overview.stage === 'withdrawn' || overview.stage === 'ineligible') && (
        <Alert color="blue"><FormattedMessage id="decisions.reopenFirst" /></Alert>
      )}
      {overview.withoutDecision.length > 0 && DECISION_STAGES.includes(overview.stage) && (
        <Alert color="orange" title={intl.formatMessage({ id: 'decisions.missing.title' })}>
          <List size="sm">
            {overview.withoutDecision.map((m) => (
              <List.Item key={m.personId}><bdi>{shownPersonName(m.name)}</bdi></List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Members caseId={record.id} data={data} />
      {canRecord && <DecisionForm caseId={record.id} data={data} />}
      <ApplicationBlock caseId={record.id} data={data} />
      <Withdrawal caseId={record.id} data={data} />
    </Stack>
  );
}
