import { Badge, Button, Card, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { VULNERABILITY_CATEGORIES } from '../../../shared/protection';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { api, etagOf, seg } from '../../lib/api';
import { formatDay, todayIso } from '../../lib/dates';
import { useSession } from '../../lib/session';
import { enumOptions, optionalEnumOptions } from '../cases/enum-options';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { fullName } from '../cases/case-display';
import { refreshProtection, type Vulnerability } from './api';

function ScreenForm({ record }: { record: CaseRecord }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState(record.members[0]?.person.id ?? '');
  const [category, setCategory] = useState('');
  const [identifiedOn, setIdentifiedOn] = useState(todayIso());
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: () =>
      api.create(`/api/cases/${seg(record.id)}/vulnerabilities`, {
        personId, category, identifiedOn, ...(details.trim() ? { details: details.trim() } : {}),
      }),
    onSuccess: async () => {
      setCategory('');
      setDetails('');
      // The case may have become restricted: its header shows it.
      await refreshProtection(queryClient, record.id, record.restricted);
      notifications.show({ color: 'green', message: t('protection.screen.saved') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!personId) next.personId = t('validation.required');
    if (!category) next.category = t('validation.required');
    if (!identifiedOn) next.identifiedOn = t('validation.required');
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
            error={errors.personId}
            withAsterisk
          />
          <NativeSelect
            label={t('protection.category')}
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            data={optionalEnumOptions(intl, 'protection.category', VULNERABILITY_CATEGORIES)}
            error={errors.category}
            withAsterisk
          />
          <TextInput
            type="date"
            label={t('protection.identifiedOn')}
            value={identifiedOn}
            onChange={(e) => setIdentifiedOn(e.currentTarget.value)}
            error={errors.identifiedOn}
            withAsterisk
          />
        </Group>
        <Textarea label={t('protection.details')} value={details} onChange={(e) => setDetails(e.currentTarget.value)} autosize minRows={2} />
        <Text size="xs" c="dimmed">
          <FormattedMessage id="protection.screen.hint" />
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="protection.screen.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function VulnerabilityItem({ caseId, restricted, v }: { caseId: string; restricted: boolean; v: Vulnerability }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [details, setDetails] = useState(v.details ?? '');
  const [status, setStatus] = useState<string>(v.status);
  const mutation = useMutation({
    mutationFn: () =>
      api.patch(`/api/cases/${seg(caseId)}/vulnerabilities/${seg(v.id)}`, { details: details.trim() || null, status }, { etag: etagOf(v.id, v.version) }),
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
        <FormattedMessage id="protection.identified" values={{ date: formatDay(intl, v.identifiedOn), name: v.identifiedByName ?? '' }} />
      </Text>
      {can('vulnerability.write') ? (
        <form onSubmit={(e) => { e.preventDefault(); mutation.mutate(); }}>
          <Stack gap="xs">
            {mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}
            <Textarea label={intl.formatMessage({ id: 'protection.detailsOf' }, { category: label })} value={details} onChange={(e) => setDetails(e.currentTarget.value)} autosize minRows={1} />
            <Group align="flex-end" justify="space-between">
              <NativeSelect
                label={intl.formatMessage({ id: 'protection.statusOf' }, { category: label })}
                value={status}
                onChange={(e) => setStatus(e.currentTarget.value)}
                data={enumOptions(intl, 'protection.status', ['active', 'resolved'])}
              />
              <Button type="submit" variant="light" loading={mutation.isPending}>
                <FormattedMessage id="common.save" />
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        v.details && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">{v.details}</Text>
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
