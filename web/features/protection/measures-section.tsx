import { Badge, Button, Card, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { MEASURE_KINDS, MEASURE_STATUSES } from '../../../shared/protection';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { api, etagOf, seg } from '../../lib/api';
import { useSession } from '../../lib/session';
import { enumOptions, optionalEnumOptions } from '../cases/enum-options';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { fullName } from '../cases/case-display';
import { measureLabel, protectionKeys, type Measure, type StaffMember } from './api';

/** One measure with its owner, due date, status and notes, editable in place. */
export function MeasureEditor({ measure, staff, personName, onSaved }: { measure: Measure; staff: StaffMember[]; personName: string; onSaved: () => Promise<void> }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { can } = useSession();
  const [ownerId, setOwnerId] = useState(measure.ownerId ?? '');
  const [dueOn, setDueOn] = useState(measure.dueOn ?? '');
  const [status, setStatus] = useState<string>(measure.status);
  const [notes, setNotes] = useState(measure.notes ?? '');
  const mutation = useMutation({
    mutationFn: () =>
      api.patch(`/api/cases/${seg(measure.caseId)}/measures/${seg(measure.id)}`, {
        ownerId: ownerId || null, dueOn: dueOn || null, status, notes: notes.trim() || null,
      }, { etag: etagOf(measure.id, measure.version) }),
    onSuccess: async () => {
      await onSaved();
      notifications.show({ color: 'green', message: t('protection.saved') });
    },
  });
  const label = measureLabel(measure, t);
  const owners = staff.some((s) => s.id === measure.ownerId) || !measure.ownerId ? staff : [...staff, { id: measure.ownerId, name: measure.ownerName ?? '' }];
  const editable = can('vulnerability.write');
  return (
    <Paper component="li" withBorder p="sm" bg={measure.overdue ? 'red.0' : undefined} aria-label={`${label} – ${personName}`}>
      <Group justify="space-between" wrap="wrap" mb={4}>
        <Text fw={600}>{label}</Text>
        <Group gap="xs">
          {measure.overdue && (
            <Badge color="red" variant="filled" tt="none">
              <FormattedMessage id="protection.overdue" />
            </Badge>
          )}
          <Badge variant="light" tt="none">
            <FormattedMessage id={`protection.measureStatus.${measure.status}`} />
          </Badge>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">{personName}</Text>
      {editable && (
        <form onSubmit={(e: FormEvent) => { e.preventDefault(); mutation.mutate(); }}>
          <Stack gap="xs">
            {mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}
            <Group grow align="flex-start" wrap="wrap">
              <NativeSelect
                label={t('protection.owner')}
                value={ownerId}
                onChange={(e) => setOwnerId(e.currentTarget.value)}
                data={[{ value: '', label: t('protection.noOwner') }, ...owners.map((s) => ({ value: s.id, label: s.name }))]}
              />
              <TextInput type="date" label={t('protection.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
              <NativeSelect
                label={t('protection.measureStatus')}
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value)}
                data={enumOptions(intl, 'protection.measureStatus', MEASURE_STATUSES)}
              />
            </Group>
            <Textarea label={t('protection.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={1} />
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={mutation.isPending}>
                <FormattedMessage id="common.save" />
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function AddMeasure({ record, staff }: { record: CaseRecord; staff: StaffMember[] }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState(record.members[0]?.person.id ?? '');
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState(record.ownerId);
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: () =>
      api.create(`/api/cases/${seg(record.id)}/measures`, {
        personId, kind, ...(title.trim() ? { title: title.trim() } : {}), ...(ownerId ? { ownerId } : {}), ...(dueOn ? { dueOn } : {}),
      }),
    onSuccess: async () => {
      setKind('');
      setTitle('');
      setDueOn('');
      await queryClient.invalidateQueries({ queryKey: protectionKeys.view(record.id), exact: true });
      notifications.show({ color: 'green', message: t('protection.measure.added') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!kind) next.kind = t('validation.required');
    if (kind === 'other' && !title.trim()) next.title = t('validation.required');
    setErrors(next);
    if (!Object.keys(next).length) mutation.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('protection.member')}
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
            data={record.members.map((m) => ({ value: m.person.id, label: fullName(m.person) }))}
          />
          <NativeSelect
            label={t('protection.measureKind')}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value)}
            data={optionalEnumOptions(intl, 'protection.measure', MEASURE_KINDS)}
            error={errors.kind}
            withAsterisk
          />
          <TextInput label={t('protection.measureTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('protection.owner')}
            value={ownerId}
            onChange={(e) => setOwnerId(e.currentTarget.value)}
            data={staff.map((s) => ({ value: s.id, label: s.name }))}
          />
          <TextInput type="date" label={t('protection.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="protection.measure.add" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MeasuresSection({ record, measures, staff }: { record: CaseRecord; measures: Measure[]; staff: StaffMember[] }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const nameOf = (personId: string) => {
    const m = record.members.find((x) => x.person.id === personId);
    return m ? fullName(m.person) : '';
  };
  const sorted = [...measures].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
  const refresh = () => queryClient.invalidateQueries({ queryKey: protectionKeys.view(record.id), exact: true });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="protection.measures" />
      </Title>
      <Stack>
        {sorted.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="protection.measures.empty" />
          </Text>
        ) : (
          <ul className="plain-list">
            {sorted.map((m) => (
              <MeasureEditor key={`${m.id}.${m.version}`} measure={m} staff={staff} personName={nameOf(m.personId)} onSaved={refresh} />
            ))}
          </ul>
        )}
        {can('vulnerability.write') && (
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              <FormattedMessage id="protection.measure.addHeading" />
            </Title>
            <AddMeasure record={record} staff={staff} />
          </Paper>
        )}
      </Stack>
    </Card>
  );
}
