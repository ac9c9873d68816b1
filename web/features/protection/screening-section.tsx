import { Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { VULNERABILITY_CATEGORIES } from '../../../shared/protection';
import { vulnerabilityBody, vulnerabilityPatch } from '../../../shared/schemas/protection';
import { DateField, NativeSelectField, SchemaForm, TextareaField } from '../../components/form/schema-form';
import { blanksAsNull } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { formatDay, todayIso } from '../../lib/dates';
import { shownText } from '../../lib/erased';
import { useSession } from '../../lib/session';
import { recordVulnerability, refreshProtection, updateVulnerability, type Vulnerability } from './api';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { fullName } from '../cases';

function ScreenForm({ record }: { record: CaseRecord }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const state = useSchemaForm({
    schema: vulnerabilityBody,
    initialValues: { personId: record.members[0]?.person.id ?? '', category: '', identifiedOn: todayIso(), details: '' },
    submit: (body) => recordVulnerability(record.id, body),
    onSuccess: async () => {
      state.form.setValues({ category: '', details: '' });
      // The case may have become restricted: its header shows it.
      await refreshProtection(queryClient, record.id, record.restricted);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'protection.screen.saved' }) });
    },
  });
  return (
    <SchemaForm state={state} submitLabel="protection.screen.submit">
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelectField
          name="personId"
          label="protection.member"
          required
          data={record.members.map((m) => ({ value: m.person.id, label: fullName(m.person) }))}
        />
        <NativeSelectField name="category" label="protection.category" required blank="common.choose" options={VULNERABILITY_CATEGORIES} optionPrefix="protection.category" />
        <DateField name="identifiedOn" label="protection.identifiedOn" required />
      </Group>
      <TextareaField name="details" label="protection.details" />
      <Text size="xs" c="dimmed">
        <FormattedMessage id="protection.screen.hint" />
      </Text>
    </SchemaForm>
  );
}

function VulnerabilityItem({ caseId, restricted, v }: { caseId: string; restricted: boolean; v: Vulnerability }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const state = useSchemaForm({
    schema: vulnerabilityPatch,
    initialValues: { details: v.details ?? '', status: v.status },
    toBody: blanksAsNull,
    submit: (body) => updateVulnerability(caseId, v, body),
    onSuccess: async () => {
      await refreshProtection(queryClient, caseId, restricted);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'protection.saved' }) });
    },
  });
  const label = intl.formatMessage({ id: `protection.category.${v.category}` });
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" wrap="wrap" mb={4}>
        <Text fw={600}>{label}</Text>
        <Badge color={v.status === 'active' ? 'orange' : 'gray'} variant="light" tt="none">
          <FormattedMessage id={`protection.status.${v.status}`} />
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        <FormattedMessage id="protection.identified" values={{ date: <bdi>{formatDay(intl, v.identifiedOn)}</bdi>, name: <bdi>{v.identifiedByName ?? ''}</bdi> }} />
      </Text>
      {can('vulnerability.write') ? (
        <SchemaForm state={state} submitLabel="common.save">
          <TextareaField name="details" label="protection.detailsOf" labelValues={{ category: label }} minRows={1} />
          <NativeSelectField name="status" label="protection.statusOf" labelValues={{ category: label }} options={['active', 'resolved']} optionPrefix="protection.status" />
        </SchemaForm>
      ) : (
        v.details && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">{shownText(intl, v.details)}</Text>
      )}
    </Paper>
  );
}

export function ScreeningSection({ record, vulnerabilities }: { record: CaseRecord; vulnerabilities: Vulnerability[] }) {
  const { can } = useSession();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="protection.screening" />
      </Title>
      <Stack>
        {record.members.map((m) => {
          const own = vulnerabilities.filter((v) => v.personId === m.person.id);
          return (
            <section key={m.person.id} aria-label={fullName(m.person)}>
              <Title order={3} size="h5" mb="xs">
                {fullName(m.person)}
              </Title>
              {own.length === 0 ? (
                <Text size="sm" c="dimmed">
                  <FormattedMessage id="protection.none" />
                </Text>
              ) : (
                <ul className="plain-list">
                  {own.map((v) => (
                    <VulnerabilityItem key={`${v.id}.${v.version}`} caseId={record.id} restricted={record.restricted} v={v} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
        {can('vulnerability.write') && (
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              <FormattedMessage id="protection.screen.heading" />
            </Title>
            <ScreenForm record={record} />
          </Paper>
        )}
      </Stack>
    </Card>
  );
}
