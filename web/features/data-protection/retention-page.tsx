import { Badge, Button, Group, List, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { RETENTION_ACTIONS, RETENTION_SCOPES, type RetentionAction, type RetentionRuleView, type RetentionRunView, type RetentionScope } from '../../../shared/schemas/retention';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { JobProgress } from '../../components/job-progress';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useMe } from '../../lib/session';
import { useCreateRetentionRule, useRetentionRuleAction, useRetentionRules, useRetentionRun, useRetentionScopes, useRunRetentionRuleNow } from './retention-api';

/**
 * Retention (docs/data-protection.md, "Retention"): the organisation's rules with their status, a
 * form to write one, the approval by a second officer, dry runs, "run now" of an approved rule
 * after its dry run, and the runs' reports with their progress and counts.
 */
export function RetentionPage() {
  const [runId, setRunId] = useState<string | null>(null);
  return (
    <Stack>
      <PageTitle id="retention.title" />
      <Text size="sm" c="dimmed"><FormattedMessage id="retention.intro" /></Text>
      <RuleForm />
      <RuleList onShowRun={setRunId} />
      {runId ? <RunReport runId={runId} /> : null}
    </Stack>
  );
}

function RuleForm() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const scopes = useRetentionScopes();
  const create = useCreateRetentionRule();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<RetentionScope>('organisation');
  const [target, setTarget] = useState<string | null>(null);
  const [action, setAction] = useState<RetentionAction>('anonymise_closed_cases');
  const [years, setYears] = useState<number | string>(7);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), scope, projectId: scope === 'project' ? target : null, officeId: scope === 'office' ? target : null, action, years: Number(years) },
      { onSuccess: () => { setName(''); setTarget(null); } },
    );
  };
  const targets = scope === 'project' ? scopes.data?.projects ?? [] : scope === 'office' ? scopes.data?.offices ?? [] : [];

  return (
    <SectionCard title="retention.form.title">
      <form onSubmit={submit} aria-label={t('retention.form.title')}>
        <Stack>
          <TextInput label={t('retention.form.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
          <Group grow align="flex-end">
            <Select
              label={t('retention.form.scope')}
              data={RETENTION_SCOPES.map((s) => ({ value: s, label: t(`retention.scope.${s}`) }))}
              value={scope}
              onChange={(v) => { setScope((v ?? 'organisation') as RetentionScope); setTarget(null); }}
              allowDeselect={false}
            />
            {scope !== 'organisation' ? (
              <Select
                label={t(scope === 'project' ? 'retention.form.project' : 'retention.form.office')}
                data={targets.map((x) => ({ value: x.id, label: x.name }))}
                value={target}
                onChange={setTarget}
                required
                searchable
              />
            ) : null}
          </Group>
          <Group grow align="flex-end">
            <Select
              label={t('retention.form.action')}
              data={RETENTION_ACTIONS.map((a) => ({ value: a, label: t(`retention.action.${a}`) }))}
              value={action}
              onChange={(v) => setAction((v ?? 'anonymise_closed_cases') as RetentionAction)}
              allowDeselect={false}
            />
            <NumberInput label={t('retention.form.years')} description={t('retention.form.yearsHelp')} value={years} onChange={setYears} min={1} max={100} required allowDecimal={false} />
          </Group>
          <Group>
            <Button type="submit" loading={create.isPending}><FormattedMessage id="retention.form.submit" /></Button>
          </Group>
          {create.isError ? <ApiErrorAlert error={create.error} /> : null}
        </Stack>
      </form>
    </SectionCard>
  );
}

function RuleList({ onShowRun }: { onShowRun: (id: string) => void }) {
  const intl = useIntl();
  const me = useMe();
  const rules = useRetentionRules();
  const act = useRetentionRuleAction();
  const busy = (id: string, action: string) => act.isPending && act.variables?.id === id && act.variables.action === action;
  const [confirming, setConfirming] = useState<{ rule: RetentionRuleView; dry: RetentionRunView } | null>(null);
  return (
    <SectionCard title="retention.rules.title">
      <QueryState query={rules} empty={intl.formatMessage({ id: 'retention.rules.none' })} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <Stack>
            {data.items.map((rule) => (
              <Stack key={rule.id} gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
                <Group justify="space-between">
                  <Text fw={600}><bdi>{rule.name}</bdi></Text>
                  <Group gap="xs">
                    <Badge color={rule.status === 'approved' ? 'green' : 'yellow'} variant="light"><FormattedMessage id={`retention.status.${rule.status}`} /></Badge>
                    {!rule.enabled ? <Badge color="gray" variant="light"><FormattedMessage id="retention.disabled" /></Badge> : null}
                  </Group>
                </Group>
                <Text size="sm"><RuleSummary rule={rule} /></Text>
                <Text size="xs" c="dimmed">
                  <FormattedMessage id="retention.rules.createdBy" values={{ name: <bdi>{rule.createdBy.name}</bdi>, at: <bdi>{formatMoment(intl, String(rule.createdAt))}</bdi> }} />
                  {rule.approvedBy ? (
                    <> · <FormattedMessage id="retention.rules.approvedBy" values={{ name: <bdi>{rule.approvedBy.name}</bdi>, at: <bdi>{formatMoment(intl, String(rule.approvedAt))}</bdi> }} /></>
                  ) : null}
                </Text>
                <Group gap="xs">
                  {rule.status === 'pending_approval' && rule.createdBy.id !== me.user.id ? (
                    <Button size="xs" loading={busy(rule.id, 'approve')} onClick={() => act.mutate({ id: rule.id, action: 'approve' })}
                      aria-label={intl.formatMessage({ id: 'retention.approveRule' }, { name: rule.name })}>
                      <FormattedMessage id="retention.approve" />
                    </Button>
                  ) : null}
                  {rule.status === 'pending_approval' && rule.createdBy.id === me.user.id ? (
                    <Text size="xs" c="dimmed"><FormattedMessage id="retention.awaitingColleague" /></Text>
                  ) : null}
                  <Button size="xs" variant="light" loading={busy(rule.id, 'dry-run')} onClick={() => act.mutate({ id: rule.id, action: 'dry-run' }, { onSuccess: (run) => onShowRun((run as RetentionRunView).id) })}
                    aria-label={intl.formatMessage({ id: 'retention.dryRunRule' }, { name: rule.name })}>
                    <FormattedMessage id="retention.dryRun" />
                  </Button>
                  {runNowFrom(rule) ? (
                    <Button size="xs" color="red" variant="light" onClick={() => setConfirming({ rule, dry: runNowFrom(rule)! })}
                      aria-label={intl.formatMessage({ id: 'retention.runNow.rule' }, { name: rule.name })}>
                      <FormattedMessage id="retention.runNow" />
                    </Button>
                  ) : null}
                  <Button size="xs" variant="default" loading={busy(rule.id, rule.enabled ? 'disable' : 'enable')} onClick={() => act.mutate({ id: rule.id, action: rule.enabled ? 'disable' : 'enable' })}
                    aria-label={intl.formatMessage({ id: rule.enabled ? 'retention.disableRule' : 'retention.enableRule' }, { name: rule.name })}>
                    <FormattedMessage id={rule.enabled ? 'retention.disable' : 'retention.enable'} />
                  </Button>
                  {!rule.runs.some((r) => r.kind === 'real') ? (
                    <Button size="xs" variant="subtle" color="red" loading={busy(rule.id, 'delete')} onClick={() => act.mutate({ id: rule.id, action: 'delete' })}
                      aria-label={intl.formatMessage({ id: 'retention.deleteRule' }, { name: rule.name })}>
                      <FormattedMessage id="retention.delete" />
                    </Button>
                  ) : null}
                </Group>
                {rule.runs.length > 0 ? <RunTable runs={rule.runs} onShowRun={onShowRun} /> : null}
              </Stack>
            ))}
          </Stack>
        )}
      </QueryState>
      {act.isError ? <ApiErrorAlert error={act.error} /> : null}
      {confirming ? (
        <RunNowDialog rule={confirming.rule} dry={confirming.dry} onClose={() => setConfirming(null)} onStarted={(id) => { setConfirming(null); onShowRun(id); }} />
      ) : null}
    </SectionCard>
  );
}

/**
 * The dry run "Run now" stands on: the rule approved and enabled, and its latest run a finished
 * dry run made since the approval (the server checks it again, against every change of the rule).
 */
function runNowFrom(rule: RetentionRuleView): RetentionRunView | null {
  const latest = rule.runs[0];
  if (rule.status !== 'approved' || !rule.enabled || !latest || latest.kind !== 'dry' || latest.status !== 'done') return null;
  return rule.approvedAt && new Date(String(latest.createdAt)) < new Date(String(rule.approvedAt)) ? null : latest;
}

/** Confirms "Run now" with the dry run's counts: the officer types the number of items it reached. */
function RunNowDialog({ rule, dry, onClose, onStarted }: { rule: RetentionRuleView; dry: RetentionRunView; onClose: () => void; onStarted: (runId: string) => void }) {
  const intl = useIntl();
  const run = useRunRetentionRuleNow();
  const [typed, setTyped] = useState<string | number>('');
  const confirmed = typed !== '' && Number(typed) === dry.reachedCount;
  return (
    <AppModal opened onClose={() => !run.isPending && onClose()} title={intl.formatMessage({ id: 'retention.runNow.title' }, { name: rule.name })} size="md" centered>
      <Stack gap="sm">
        <Text size="sm"><RuleSummary rule={rule} /></Text>
        <Text size="sm"><FormattedMessage id="retention.runNow.intro" values={{ at: <bdi>{formatMoment(intl, String(dry.createdAt))}</bdi> }} /></Text>
        <List size="sm" aria-label={intl.formatMessage({ id: 'retention.runNow.counts' })}>
          <List.Item><FormattedMessage id={`retention.runNow.reached.${rule.action}`} values={{ count: dry.reachedCount }} /></List.Item>
          <List.Item><FormattedMessage id="retention.runNow.skipped" values={{ count: dry.skippedCount }} /></List.Item>
          {rule.action === 'delete_attachments' ? <List.Item><FormattedMessage id="retention.runNow.bytes" values={{ bytes: dry.bytes }} /></List.Item> : null}
        </List>
        <Text size="sm" c="red"><FormattedMessage id="retention.runNow.irreversible" /></Text>
        <NumberInput label={intl.formatMessage({ id: 'retention.runNow.type' }, { count: dry.reachedCount })} value={typed} onChange={setTyped} min={0} allowDecimal={false} allowNegative={false} data-autofocus />
        <div aria-live="assertive"><ApiErrorAlert error={run.error} /></div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={run.isPending}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button color="red" disabled={!confirmed} loading={run.isPending}
            onClick={() => run.mutate({ id: rule.id, dryRunId: dry.id, reachedCount: Number(typed) }, { onSuccess: (started) => onStarted(started.id) })}>
            <FormattedMessage id="retention.runNow.confirm" />
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function RuleSummary({ rule }: { rule: RetentionRuleView }) {
  const scope = rule.scope === 'project' ? rule.projectName : rule.scope === 'office' ? rule.officeName : null;
  return (
    <FormattedMessage
      id={`retention.summary.${rule.action}`}
      values={{ years: rule.years, scope: scope ? <bdi>{scope}</bdi> : <FormattedMessage id="retention.scope.organisation" /> }}
    />
  );
}

const running = (r: RetentionRunView) => r.status === 'queued' || r.status === 'running';

function RunProgress({ run }: { run: RetentionRunView }) {
  const intl = useIntl();
  const total = run.itemsTotal ?? 0;
  return (
    <JobProgress
      label={intl.formatMessage({ id: 'retention.run.progressLabel' })}
      percent={running(run) ? (total ? (100 * run.itemsDone) / total : 0) : 100}
      text={intl.formatMessage({ id: 'retention.run.progress' }, { done: run.itemsDone, total })}
      color={run.status === 'failed' ? 'red' : undefined}
    />
  );
}

function RunTable({ runs, onShowRun }: { runs: RetentionRunView[]; onShowRun: (id: string) => void }) {
  const intl = useIntl();
  const columns: DataColumn<RetentionRunView>[] = [
    { id: 'when', header: 'retention.run.when', nowrap: true, cell: (run) => <bdi>{formatMoment(intl, String(run.createdAt))}</bdi> },
    { id: 'kind', header: 'retention.run.kind', cell: (run) => <FormattedMessage id={`retention.run.kind.${run.kind}`} /> },
    {
      id: 'status', header: 'retention.run.status',
      cell: (run) => (
        <>
          <FormattedMessage id={`retention.run.status.${run.status}`} />
          <RunProgress run={run} />
        </>
      ),
    },
    { id: 'counts', header: 'retention.run.counts', cell: (run) => <FormattedMessage id="retention.run.summary" values={{ reached: run.reachedCount, skipped: run.skippedCount, bytes: run.bytes }} /> },
    {
      id: 'report', header: 'retention.run.report',
      cell: (run) => (
        <Button size="xs" variant="subtle" onClick={() => onShowRun(run.id)} aria-label={intl.formatMessage({ id: 'retention.run.showLabel' }, { at: formatMoment(intl, String(run.createdAt)) })}>
          <FormattedMessage id="retention.run.show" />
        </Button>
      ),
    },
  ];
  // Shown only for a rule that has runs (the empty line is never reached).
  return <DataTable columns={columns} rows={runs} rowKey={(run) => run.id} empty="retention.rules.none" minWidth={640} />;
}

/** A run's report: what it reached (or, dry, would reach) and what it skipped, by case number and id. */
function RunReport({ runId }: { runId: string }) {
  const run = useRetentionRun(runId);
  return (
    <SectionCard title="retention.report.title">
      <QueryState query={run}>
        {(r) => (
          <Stack>
            <Group>
              <Badge variant="light"><FormattedMessage id={`retention.run.kind.${r.kind}`} /></Badge>
              <FormattedMessage id={`retention.run.status.${r.status}`} />
            </Group>
            <RunProgress run={r} />
            <Text size="sm"><FormattedMessage id="retention.run.summary" values={{ reached: r.reachedCount, skipped: r.skippedCount, bytes: r.bytes }} /></Text>
            {r.report ? (
              <Table.ScrollContainer minWidth={560}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th><FormattedMessage id="retention.report.item" /></Table.Th>
                      <Table.Th><FormattedMessage id="retention.report.cases" /></Table.Th>
                      <Table.Th><FormattedMessage id="retention.report.outcome" /></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.report.persons.map((p) => (
                      <Table.Tr key={`p${p.personId}`}>
                        <Table.Td><FormattedMessage id="retention.report.person" /> <bdi className="ltr-value">{p.personId.slice(0, 8)}</bdi></Table.Td>
                        <Table.Td><bdi className="ltr-value">{p.caseNumbers.join(', ')}</bdi></Table.Td>
                        <Table.Td><FormattedMessage id={r.kind === 'dry' ? 'retention.report.wouldAnonymise' : 'retention.report.anonymised'} /></Table.Td>
                      </Table.Tr>
                    ))}
                    {r.report.attachments.map((a) => (
                      <Table.Tr key={`a${a.attachmentId}`}>
                        <Table.Td><FormattedMessage id="retention.report.attachment" values={{ bytes: a.sizeBytes }} /></Table.Td>
                        <Table.Td><bdi className="ltr-value">{a.caseNumber}</bdi></Table.Td>
                        <Table.Td><FormattedMessage id={r.kind === 'dry' ? 'retention.report.wouldEmpty' : 'retention.report.emptied'} /></Table.Td>
                      </Table.Tr>
                    ))}
                    {r.report.skipped.map((s) => (
                      <Table.Tr key={`s${s.personId ?? s.attachmentId}`}>
                        <Table.Td>
                          {s.personId ? <><FormattedMessage id="retention.report.person" /> <bdi className="ltr-value">{s.personId.slice(0, 8)}</bdi></> : <FormattedMessage id="retention.report.attachmentSkipped" />}
                        </Table.Td>
                        <Table.Td><bdi className="ltr-value">{s.caseNumbers.join(', ')}</bdi></Table.Td>
                        <Table.Td>
                          <Badge color="orange" variant="light"><FormattedMessage id="retention.report.skipped" /></Badge>{' '}
                          {s.blockers.map((b) => <FormattedMessage key={b} id={`retention.blocker.${b}`} />)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ) : null}
          </Stack>
        )}
      </QueryState>
    </SectionCard>
  );
}
