import { Alert, Badge, Button, Card, Group, Loader, Radio, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { seg } from '../../lib/api';
import { formatDay, formatMoment } from '../../lib/dates';
import { useCountries } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { changeCase, useCaseChanged, type CaseWithEtag } from '../cases';
import { confirmCheck, eligibilityKeys, runCheck, useCaseEligibility, useProjects } from './api';
import { reasonText } from './labels';
import { ApiErrorAlert } from '../../components/api-error-alert';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import type { CaseEligibility, EligibilityCheck } from './model';
import { formatMinor } from './money';
import { DateField } from '../../components/date-field';
import { shownPersonName } from '../../lib/erased';

/** A change to the case (If-Match: the case ETag) answers the case and its new ETag. */
const putCase = (path: string, body: unknown, etag: string) => changeCase('PUT', path, body, { etag });

const STATUS_COLOR = { none: 'gray', unconfirmed: 'yellow', outdated: 'orange', confirmed: 'green' } as const;

function ProjectCard({ record, etag, data }: { record: CaseRecord; etag: string; data: CaseEligibility }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { can } = useSession();
  const projects = useProjects();
  const queryClient = useQueryClient();
  const changed = useCaseChanged(record.id);
  const [projectId, setProjectId] = useState<string | null>(data.project?.id ?? null);
  const [arrival, setArrival] = useState(data.hostArrivalDate ?? '');
  useEffect(() => setProjectId(data.project?.id ?? null), [data.project?.id]);
  useEffect(() => setArrival(data.hostArrivalDate ?? ''), [data.hostArrivalDate]);
  const after = async (result: CaseWithEtag, message: string) => {
    await changed(result);
    await queryClient.invalidateQueries({ queryKey: eligibilityKeys.caseEligibility(record.id) });
    notifications.show({ color: 'green', message });
  };
  const assign = useMutation({
    mutationFn: (id: string | null) => putCase(`/api/cases/${seg(record.id)}/project`, { projectId: id }, etag),
    onSuccess: (result) => after(result, t('eligibility.case.projectSaved')),
  });
  const saveArrival = useMutation({
    mutationFn: (date: string | null) => putCase(`/api/cases/${seg(record.id)}/host-arrival-date`, { hostArrivalDate: date }, etag),
    onSuccess: (result) => after(result, t('eligibility.case.arrivalSaved')),
  });
  const editable = can('case.update');
  const options = (projects.data ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }));
  if (data.project && !options.some((o) => o.value === data.project!.id)) options.unshift({ value: data.project.id, label: `${data.project.code} — ${data.project.name}` });
  const submitProject = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate(projectId);
  };
  const submitArrival = (e: FormEvent) => {
    e.preventDefault();
    saveArrival.mutate(arrival || null);
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="eligibility.case.projectHeading" />
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {data.project ? (
            <FormattedMessage id="eligibility.case.currentProject" values={{ code: data.project.code, name: <bdi>{data.project.name}</bdi> }} />
          ) : (
            <FormattedMessage id="eligibility.case.noProject" />
          )}
        </Text>
        {editable && (
          <form onSubmit={submitProject} noValidate>
            <Group align="flex-end" wrap="wrap">
              <Select
                label={t('eligibility.case.project')}
                data={options}
                value={projectId}
                onChange={setProjectId}
                clearable
                searchable
                placeholder={t('common.choose')}
                nothingFoundMessage={t('common.nothingFound')}
                clearButtonProps={{ 'aria-label': t('common.clear') }}
                style={{ minWidth: 280 }}
              />
              <Button type="submit" loading={assign.isPending} disabled={projectId === (data.project?.id ?? null)}>
                <FormattedMessage id="eligibility.case.assign" />
              </Button>
            </Group>
          </form>
        )}
        <div aria-live="assertive">{assign.error ? <ApiErrorAlert scope="eligibility" error={assign.error} /> : null}</div>
        {editable ? (
          <form onSubmit={submitArrival} noValidate>
            <Group align="flex-end" wrap="wrap">
              <DateField label={t('eligibility.case.hostArrivalDate')} description={t('eligibility.case.hostArrivalHint')} value={arrival} onChange={setArrival} />
              <Button type="submit" variant="light" loading={saveArrival.isPending} disabled={(arrival || null) === data.hostArrivalDate}>
                <FormattedMessage id="eligibility.case.saveArrival" />
              </Button>
            </Group>
          </form>
        ) : (
          <Text size="sm">
            <FormattedMessage id="eligibility.case.hostArrivalDate" />: {data.hostArrivalDate ? formatDay(intl, data.hostArrivalDate) : '—'}
          </Text>
        )}
        <div aria-live="assertive">{saveArrival.error ? <ApiErrorAlert scope="eligibility" error={saveArrival.error} /> : null}</div>
      </Stack>
    </Card>
  );
}

function Entitlement({ check }: { check: EligibilityCheck }) {
  const intl = useIntl();
  const e = check.entitlement;
  const money = (n: number) => formatMinor(intl, n, e.currency);
  const compName = (c: string) => intl.formatMessage({ id: `eligibility.component.${c}` });
  return (
    <div className="table-scroll">
      <Table striped>
        <Table.Caption>
          <FormattedMessage id="eligibility.check.entitlementCaption" values={{ currency: e.currency }} />
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col"><FormattedMessage id="eligibility.check.member" /></Table.Th>
            {e.components.map((c) => (
              <Table.Th scope="col" key={c.component}>{compName(c.component)}</Table.Th>
            ))}
            <Table.Th scope="col"><FormattedMessage id="eligibility.check.total" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.members.map((m) => (
            <Table.Tr key={m.personId}>
              <Table.Th scope="row">
                <bdi>{shownPersonName(m.name)}</bdi>{' '}
                <Text span size="xs" c="dimmed">
                  <FormattedMessage id={m.child ? 'eligibility.check.child' : 'eligibility.check.adult'} />
                </Text>
              </Table.Th>
              {e.components.map((c) => (
                <Table.Td key={c.component}>{money(c.members.find((x) => x.personId === m.personId)?.amountMinor ?? 0)}</Table.Td>
              ))}
              <Table.Td>{money(m.amountMinor)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row"><FormattedMessage id="eligibility.check.household" /></Table.Th>
            {e.components.map((c) => (
              <Table.Td key={c.component}>
                <strong>{money(c.totalMinor)}</strong>
                {c.capped && (
                  <Text size="xs" c="dimmed">
                    <FormattedMessage id="eligibility.check.capped" values={{ before: money(c.beforeCapMinor), cap: money(c.capMinor ?? 0) }} />
                  </Text>
                )}
              </Table.Td>
            ))}
            <Table.Td>
              <strong data-testid="household-total">{money(e.householdTotalMinor)}</strong>
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {e.components.length === 1 && e.components[0].component === 'travel' && (
        <Text size="sm" c="dimmed"><FormattedMessage id="eligibility.check.travelOnly" /></Text>
      )}
    </div>
  );
}

function ConfirmForm({ caseId, check }: { caseId: string; check: EligibilityCheck }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const [finalOutcome, setFinalOutcome] = useState<'eligible' | 'ineligible'>(check.outcome);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const confirm = useMutation({
    mutationFn: () =>
      confirmCheck(caseId, check.id, { finalOutcome, ...(reason.trim() ? { overrideReason: reason.trim() } : {}) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: eligibilityKeys.caseEligibility(caseId) });
      notifications.show({ color: 'green', message: t('eligibility.confirm.done') });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: eligibilityKeys.caseEligibility(caseId) }),
  });
  const override = finalOutcome !== check.outcome;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (override && !reason.trim()) {
      setError(t('eligibility.confirm.reasonRequired'));
      return;
    }
    confirm.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5"><FormattedMessage id="eligibility.confirm.heading" /></Title>
        <div aria-live="assertive">{confirm.error ? <ApiErrorAlert scope="eligibility" error={confirm.error} /> : null}</div>
        <Radio.Group label={t('eligibility.confirm.finalOutcome')} value={finalOutcome} onChange={(v) => setFinalOutcome(v as 'eligible' | 'ineligible')}>
          <Group mt="xs">
            <Radio value="eligible" label={t('eligibility.outcome.eligible')} />
            <Radio value="ineligible" label={t('eligibility.outcome.ineligible')} />
          </Group>
        </Radio.Group>
        {override && (
          <Textarea
            label={t('eligibility.confirm.overrideReason')}
            description={t('eligibility.confirm.overrideHint')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            withAsterisk
            aria-required
            autosize
            minRows={2}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={confirm.isPending} color={override ? 'orange' : undefined}>
            <FormattedMessage id={override ? 'eligibility.confirm.override' : 'eligibility.confirm.submit'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CheckResult({ data }: { data: CaseEligibility }) {
  const intl = useIntl();
  const { can } = useSession();
  const { name } = useCountries();
  const check = data.check!;
  return (
    <Stack gap="md">
      {check.outdated && (
        <Alert color="orange" title={intl.formatMessage({ id: 'eligibility.check.outdatedTitle' })}>
          <FormattedMessage id="eligibility.check.outdatedBody" />
        </Alert>
      )}
      <Group gap="sm" wrap="wrap">
        <Badge size="lg" color={check.outcome === 'eligible' ? 'green' : 'red'} tt="none">
          <FormattedMessage id={`eligibility.outcome.${check.outcome}`} />
        </Badge>
        <Text size="sm" c="dimmed">
          <FormattedMessage
            id="eligibility.check.meta"
            values={{ code: check.projectCode, version: check.rulesVersion, who: <bdi>{check.checkedByName}</bdi>, at: <bdi>{formatMoment(intl, check.checkedAt)}</bdi> }}
          />
        </Text>
      </Group>
      {check.confirmedAt && (
        <Alert color={check.overrideReason ? 'orange' : 'green'} title={intl.formatMessage({ id: check.overrideReason ? 'eligibility.check.overridden' : 'eligibility.check.confirmed' })}>
          <Text size="sm">
            <FormattedMessage
              id="eligibility.check.confirmedMeta"
              values={{ outcome: intl.formatMessage({ id: `eligibility.outcome.${check.finalOutcome}` }), who: <bdi>{check.confirmedByName ?? ''}</bdi>, at: <bdi>{formatMoment(intl, check.confirmedAt)}</bdi> }}
            />
          </Text>
          {check.overrideReason && (
            <Text size="sm" dir="auto">
              <FormattedMessage id="eligibility.check.overrideReason" values={{ reason: check.overrideReason }} />
            </Text>
          )}
        </Alert>
      )}
      <div className="table-scroll">
        <Table striped>
          <Table.Caption><FormattedMessage id="eligibility.check.reasonsCaption" /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="eligibility.check.criterion" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="eligibility.check.result" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="eligibility.check.reason" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {check.criteria.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}><FormattedMessage id="eligibility.check.noCriteria" /></Table.Td>
              </Table.Tr>
            )}
            {check.criteria.map((r) => (
              <Table.Tr key={r.criterion}>
                <Table.Th scope="row"><FormattedMessage id={`eligibility.criterion.${r.criterion}`} /></Table.Th>
                <Table.Td>
                  <Badge color={r.passed ? 'green' : 'red'} variant="light" tt="none">
                    <FormattedMessage id={r.passed ? 'eligibility.check.passed' : 'eligibility.check.failed'} />
                  </Badge>
                </Table.Td>
                <Table.Td>{reasonText(intl, r, name)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      <Title order={3} size="h5"><FormattedMessage id="eligibility.check.entitlementHeading" /></Title>
      <Entitlement check={check} />
      {can('eligibility.confirm') && !check.confirmedAt && !check.outdated && <ConfirmForm caseId={data.caseId} check={check} />}
    </Stack>
  );
}

/** The case tab: project, host arrival date, the latest check with its reasons and entitlement, confirmation. */
export function EligibilityTab({ record, etag }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const data = useCaseEligibility(record.id);
  const run = useMutation({
    mutationFn: () => runCheck(record.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: eligibilityKeys.caseEligibility(record.id) });
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'eligibility.check.done' }) });
    },
  });
  if (data.isPending) return <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (data.isError) return <ApiErrorAlert scope="eligibility" error={data.error} />;
  const d = data.data;
  return (
    <Stack>
      <ProjectCard record={record} etag={etag} data={d} />
      <Card withBorder>
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={2} size="h4">
            <FormattedMessage id="eligibility.check.heading" />
          </Title>
          <Badge color={STATUS_COLOR[d.status]} variant="light" size="lg" tt="none">
            <FormattedMessage id={`eligibility.status.${d.status}`} />
          </Badge>
        </Group>
        <Stack>
          {can('eligibility.check') && (
            <Group>
              <Button onClick={() => run.mutate()} loading={run.isPending} disabled={!d.project}>
                <FormattedMessage id={d.check ? 'eligibility.check.runAgain' : 'eligibility.check.run'} />
              </Button>
              {!d.project && <Text size="sm" c="dimmed"><FormattedMessage id="eligibility.check.needsProject" /></Text>}
            </Group>
          )}
          <div aria-live="assertive">{run.error ? <ApiErrorAlert scope="eligibility" error={run.error} /> : null}</div>
          {d.check ? <CheckResult data={d} /> : (
            <Text size="sm" c="dimmed"><FormattedMessage id="eligibility.check.none" /></Text>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
