import { Button, Card, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { FIT_TO_TRAVEL } from '../../../shared/protection';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { apiRequest, etagOf, seg } from '../../lib/api';
import { useCaseAttachments } from '../cases/api';
import { enumOptions } from '../cases/enum-options';
import type { CaseMemberView as CaseMember, CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { fullName } from '../cases/case-display';
import { protectionKeys, type HealthRecord } from './api';

function HealthForm({ record, member, health }: { record: CaseRecord; member: CaseMember; health?: HealthRecord }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const attachments = useCaseAttachments(record.id);
  const [form, setForm] = useState({
    conditions: health?.conditions ?? '',
    medication: health?.medication ?? '',
    travelNeeds: health?.travelNeeds ?? '',
    fitToTravel: health?.fitToTravel ?? 'pending',
    certificateAttachmentId: health?.certificateAttachmentId ?? '',
    certifiedBy: health?.certifiedBy ?? '',
    certifiedOn: health?.certifiedOn ?? '',
    validUntil: health?.validUntil ?? '',
  });
  const set = (key: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };
  const mutation = useMutation({
    mutationFn: () =>
      apiRequest('PUT', `/api/cases/${seg(record.id)}/persons/${seg(member.person.id)}/health`, { body: {
        conditions: form.conditions.trim() || null,
        medication: form.medication.trim() || null,
        travelNeeds: form.travelNeeds.trim() || null,
        fitToTravel: form.fitToTravel,
        certificateAttachmentId: form.certificateAttachmentId || null,
        certifiedBy: form.certifiedBy.trim() || null,
        certifiedOn: form.certifiedOn || null,
        validUntil: form.validUntil || null,
      }, etag: health ? etagOf(health.id, health.version) : null }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: protectionKeys.view(record.id), exact: true });
      notifications.show({ color: 'green', message: t('protection.saved') });
    },
  });
  const name = fullName(member.person);
  return (
    <Paper withBorder p="sm" component="section" aria-label={intl.formatMessage({ id: 'protection.health.of' }, { name })}>
      <Title order={3} size="h5" mb="xs">
        {name}
      </Title>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); mutation.mutate(); }}>
        <Stack gap="xs">
          {mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}
          <Textarea label={t('protection.health.conditions')} value={form.conditions} onChange={set('conditions')} autosize minRows={1} />
          <Textarea label={t('protection.health.medication')} value={form.medication} onChange={set('medication')} autosize minRows={1} />
          <Textarea label={t('protection.health.travelNeeds')} value={form.travelNeeds} onChange={set('travelNeeds')} autosize minRows={1} />
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect label={t('protection.health.fitToTravel')} value={form.fitToTravel} onChange={set('fitToTravel')} data={enumOptions(intl, 'protection.fit', FIT_TO_TRAVEL)} />
            <NativeSelect
              label={t('protection.health.certificate')}
              value={form.certificateAttachmentId}
              onChange={set('certificateAttachmentId')}
              data={[{ value: '', label: t('protection.health.noCertificate') }, ...(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))]}
            />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('protection.health.certifiedBy')} value={form.certifiedBy} onChange={set('certifiedBy')} />
            <TextInput type="date" label={t('protection.health.certifiedOn')} value={form.certifiedOn} onChange={set('certifiedOn')} />
            <TextInput type="date" label={t('protection.health.validUntil')} value={form.validUntil} onChange={set('validUntil')} />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={mutation.isPending}>
              <FormattedMessage id="common.save" />
            </Button>
          </Group>
        </Stack>
      </form>
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
