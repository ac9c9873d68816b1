import { Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { MEASURE_KINDS, MEASURE_STATUSES } from '../../../shared/protection';
import { measureBody, measurePatch } from '../../../shared/schemas/protection';
import { DateField, NativeSelectField, SchemaForm, TextareaField, TextField } from '../../components/form/schema-form';
import { blanksAsNull } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { useSession } from '../../lib/session';
import { addMeasure, measureLabel, protectionKeys, updateMeasure, type Measure, type StaffMember } from './api';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { fullName } from '../cases';

/** One measure with its owner, due date, status and notes, editable in place. */
export function MeasureEditor({ measure, staff, personName, onSaved }: { measure: Measure; staff: StaffMember[]; personName: string; onSaved: () => Promise<void> }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { can } = useSession();
  const state = useSchemaForm({
    schema: measurePatch,
    initialValues: { ownerId: measure.ownerId ?? '', dueOn: measure.dueOn ?? '', status: measure.status, notes: measure.notes ?? '' },
    toBody: blanksAsNull,
    submit: (body) => updateMeasure(measure, body),
    onSuccess: async () => {
      await onSaved();
      notifications.show({ color: 'green', message: t('protection.saved') });
    },
  });
  const label = measureLabel(measure, t);
  const owners = staff.some((s) => s.id === measure.ownerId) || !measure.ownerId ? staff : [...staff, { id: measure.ownerId, name: measure.ownerName ?? '' }];
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
      <Text size="xs" c="dimmed" mb="xs"><bdi>{personName}</bdi></Text>
      {can('vulnerability.write') && (
        <SchemaForm state={state} submitLabel="common.save">
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelectField name="ownerId" label="protection.owner" blank="protection.noOwner" data={owners.map((s) => ({ value: s.id, label: s.name }))} />
            <DateField name="dueOn" label="protection.dueOn" />
            <NativeSelectField name="status" label="protection.measureStatus" options={MEASURE_STATUSES} optionPrefix="protection.measureStatus" />
          </Group>
          <TextareaField name="notes" label="protection.notes" minRows={1} />
        </SchemaForm>
      )}
    </Paper>
  );
}

/** "Other" is a measure only its title describes. */
const newMeasure = measureBody.refine((m) => m.kind !== 'other' || Boolean(m.title), { path: ['title'], message: 'validation.required' });

function AddMeasure({ record, staff }: { record: CaseRecord; staff: StaffMember[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const state = useSchemaForm({
    schema: newMeasure,
    initialValues: { personId: record.members[0]?.person.id ?? '', kind: '', title: '', ownerId: record.ownerId ?? '', dueOn: '' },
    submit: (body) => addMeasure(record.id, body),
    onSuccess: async () => {
      state.form.setValues({ kind: '', title: '', dueOn: '' });
      await queryClient.invalidateQueries({ queryKey: protectionKeys.view(record.id), exact: true });
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'protection.measure.added' }) });
    },
  });
  return (
    <SchemaForm state={state} submitLabel="protection.measure.add">
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelectField name="personId" label="protection.member" data={record.members.map((m) => ({ value: m.person.id, label: fullName(m.person) }))} />
        <NativeSelectField name="kind" label="protection.measureKind" required blank="common.choose" options={MEASURE_KINDS} optionPrefix="protection.measure" />
        <TextField name="title" label="protection.measureTitle" />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelectField name="ownerId" label="protection.owner" data={staff.map((s) => ({ value: s.id, label: s.name }))} />
        <DateField name="dueOn" label="protection.dueOn" />
      </Group>
    </SchemaForm>
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
