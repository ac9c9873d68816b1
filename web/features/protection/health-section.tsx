import { Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { FIT_TO_TRAVEL } from '../../../shared/protection';
import { healthBody } from '../../../shared/schemas/protection';
import { DateField, NativeSelectField, SchemaForm, TextareaField, TextField } from '../../components/form/schema-form';
import { blanksAsNull } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { shownText } from '../../lib/erased';
import { useCaseAttachments } from '../cases';
import { protectionKeys, saveHealth, type HealthRecord } from './api';
import type { CaseMemberView as CaseMember, CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { fullName } from '../cases';

function HealthForm({ record, member, health }: { record: CaseRecord; member: CaseMember; health?: HealthRecord }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const attachments = useCaseAttachments(record.id);
  const state = useSchemaForm({
    schema: healthBody,
    initialValues: {
      conditions: shownText(intl, health?.conditions ?? ''),
      medication: shownText(intl, health?.medication ?? ''),
      travelNeeds: shownText(intl, health?.travelNeeds ?? ''),
      fitToTravel: health?.fitToTravel ?? 'pending',
      certificateAttachmentId: health?.certificateAttachmentId ?? '',
      certifiedBy: health?.certifiedBy ?? '',
      certifiedOn: health?.certifiedOn ?? '',
      validUntil: health?.validUntil ?? '',
    },
    toBody: blanksAsNull,
    submit: (body) => saveHealth(record.id, member.person.id, health, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: protectionKeys.view(record.id), exact: true });
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'protection.saved' }) });
    },
  });
  const name = fullName(member.person);
  return (
    <Paper withBorder p="sm" component="section" aria-label={intl.formatMessage({ id: 'protection.health.of' }, { name })}>
      <Title order={3} size="h5" mb="xs">
        <bdi>{name}</bdi>
      </Title>
      <SchemaForm state={state} submitLabel="common.save">
        <TextareaField name="conditions" label="protection.health.conditions" minRows={1} />
        <TextareaField name="medication" label="protection.health.medication" minRows={1} />
        <TextareaField name="travelNeeds" label="protection.health.travelNeeds" minRows={1} />
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelectField name="fitToTravel" label="protection.health.fitToTravel" options={FIT_TO_TRAVEL} optionPrefix="protection.fit" />
          <NativeSelectField
            name="certificateAttachmentId"
            label="protection.health.certificate"
            blank="protection.health.noCertificate"
            data={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextField name="certifiedBy" label="protection.health.certifiedBy" />
          <DateField name="certifiedOn" label="protection.health.certifiedOn" />
          <DateField name="validUntil" label="protection.health.validUntil" />
        </Group>
      </SchemaForm>
    </Paper>
  );
}

/** The sensitive health group: only rendered for holders of case.health (the server omits it otherwise). */
export function HealthSection({ record, health }: { record: CaseRecord; health: HealthRecord[] }) {
  return (
    <Card withBorder bg="red.0">
      <Title order={2} size="h4" mb={4}>
        <FormattedMessage id="protection.health" />
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        <FormattedMessage id="protection.health.hint" />
      </Text>
      <Stack>
        {record.members.map((m) => {
          const h = health.find((x) => x.personId === m.person.id);
          return <HealthForm key={`${m.person.id}.${h?.version ?? 0}`} record={record} member={m} health={h} />;
        })}
      </Stack>
    </Card>
  );
}
