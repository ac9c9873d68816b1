import { Anchor, Badge, Button, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { updateSessionBody } from '../../../shared/schemas/counselling';
import { AppModal } from '../../components/app-modal';
import { SchemaForm, TextareaField } from '../../components/form/schema-form';
import { withoutBlanks } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { DetailList } from '../../components/detail-list';
import { formatDay, formatMoment } from '../../lib/dates';
import { useLanguages } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { counsellingKeys, updateSession, useSessions, type CounsellingSession } from './api';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { SessionForm } from './session-form';
import { personName } from '../../lib/erased';

const STATUS_COLOR = { scheduled: 'blue', held: 'green', cancelled: 'gray' } as const;

function useSessionChanged(caseId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: counsellingKeys.sessions(caseId) });
    await queryClient.invalidateQueries({ queryKey: ['counselling', 'appointments'] });
  };
}

const cancelBody = updateSessionBody.required({ status: true, cancelReason: true });

function CancelSession({ caseId, session, onClose }: { caseId: string; session: CounsellingSession; onClose: () => void }) {
  const intl = useIntl();
  const changed = useSessionChanged(caseId);
  const state = useSchemaForm({
    schema: cancelBody,
    initialValues: { cancelReason: '' },
    toBody: (values) => withoutBlanks({ status: 'cancelled', cancelReason: values.cancelReason }),
    submit: (body) => updateSession(caseId, session, body),
    onSuccess: async () => {
      await changed();
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'counselling.cancelled' }) });
      onClose();
    },
  });
  return (
    <AppModal opened onClose={onClose} title={intl.formatMessage({ id: 'counselling.cancel.title' })}>
      <SchemaForm state={state} submitLabel="counselling.cancel.confirm" submitColor="red" onCancel={onClose}>
        <TextareaField name="cancelReason" label="counselling.cancelReason" required maxLength={2000} data-autofocus />
      </SchemaForm>
    </AppModal>
  );
}

function SessionCard({ record, session }: { record: CaseRecord; session: CounsellingSession }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { can } = useSession();
  const { name: languageName } = useLanguages();
  const [cancelling, setCancelling] = useState(false);
  const changed = useSessionChanged(record.id);
  const markHeld = useMutation({
    mutationFn: () => updateSession(record.id, session, { status: 'held' }),
    onSuccess: async () => {
      await changed();
      notifications.show({ color: 'green', message: t('counselling.markedHeld') });
    },
  });
  const members = new Map(record.members.map((m) => [m.person.id, personName(m.person)]));
  const participants = [...session.participantPersonIds.map((id) => members.get(id) ?? ''), ...session.otherParticipants].filter(Boolean);
  const canWrite = can('counselling.write');
  const due = session.status === 'scheduled' && new Date(session.startsAt).getTime() <= Date.now();
  return (
    <Paper component="li" withBorder p="md" aria-label={t('counselling.session.label', { at: formatMoment(intl, session.startsAt) })}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Group gap="xs">
          <Text fw={600}>{formatMoment(intl, session.startsAt)}</Text>
          <Badge color={STATUS_COLOR[session.status]} variant="light" tt="none">
            <FormattedMessage id={session.appointment ? 'counselling.status.appointment' : `counselling.status.${session.status}`} />
          </Badge>
          <Badge variant="outline" tt="none">
            <FormattedMessage id={`counselling.mode.${session.mode}`} />
          </Badge>
        </Group>
        {canWrite && session.status === 'scheduled' && (
          <Group gap="xs">
            {due && (
              <Button size="xs" variant="light" loading={markHeld.isPending} onClick={() => markHeld.mutate()}>
                <FormattedMessage id="counselling.markHeld" />
              </Button>
            )}
            <Button size="xs" variant="subtle" color="red" onClick={() => setCancelling(true)}>
              <FormattedMessage id="counselling.cancel" />
            </Button>
          </Group>
        )}
      </Group>
      {markHeld.error ? <ApiErrorAlert error={markHeld.error} /> : null}
      <DetailList
        items={[
          { label: 'counselling.counsellor', value: session.counsellorName },
          { label: 'counselling.participants', value: intl.formatList(participants, { type: 'unit' }) },
          { label: 'counselling.languages', value: intl.formatList(session.languages.map(languageName), { type: 'unit' }) },
          {
            label: 'counselling.interpreter',
            value: session.interpreter ? `${session.interpreter.name} (${languageName(session.interpreter.language ?? '')})` : t('counselling.interpreter.none'),
          },
          { label: 'counselling.topics', value: intl.formatList(session.topics.map((x) => t(`counselling.topic.${x}`)), { type: 'unit' }) },
          ...(session.status === 'cancelled' ? [{ label: 'counselling.cancelReason', value: session.cancelReason ?? '' }] : []),
        ]}
      />
      {session.coi.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>
            <FormattedMessage id="counselling.coi.given" />
          </Text>
          <ul className="plain-list">
            {session.coi.map((c) => (
              <li key={c.versionId}>
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={`/country-information/${c.entryId}?version=${c.version}`} size="sm" dir="auto">
                    {c.title}
                  </Anchor>
                  <Text span size="xs" c="dimmed">
                    {t('counselling.coi.versionN', { version: c.version })} · <bdi>{formatDay(intl, c.informationDate)}</bdi>
                  </Text>
                  {c.superseded && (
                    <Badge size="sm" variant="light" color="gray" tt="none">
                      <FormattedMessage id="counselling.coi.superseded" />
                    </Badge>
                  )}
                  {c.stale && (
                    <Badge size="sm" variant="light" color="orange" tt="none">
                      <FormattedMessage id="counselling.coi.stale" />
                    </Badge>
                  )}
                </Group>
              </li>
            ))}
          </ul>
        </Stack>
      )}
      {session.notes ? (
        <Paper withBorder p="xs" mt="sm" bg="red.0">
          <Text size="xs" c="dimmed" mb={2}>
            <FormattedMessage id="counselling.notes" />
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
            {session.notes}
          </Text>
        </Paper>
      ) : null}
      {session.nextSteps ? (
        <Stack gap={2} mt="sm">
          <Text size="xs" c="dimmed">
            <FormattedMessage id="counselling.nextSteps" />
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
            {session.nextSteps}
          </Text>
        </Stack>
      ) : null}
      {cancelling && <CancelSession caseId={record.id} session={session} onClose={() => setCancelling(false)} />}
    </Paper>
  );
}

export function CounsellingTab({ record }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const sessions = useSessions(record.id);
  const [formOpen, setFormOpen] = useState(false);
  return (
    <Stack>
      {can('counselling.write') && (
        <Card withBorder>
          <Group justify="space-between" mb={formOpen ? 'sm' : 0}>
            <Title order={2} size="h4">
              <FormattedMessage id="counselling.form.heading" />
            </Title>
            {!formOpen && (
              <Button onClick={() => setFormOpen(true)}>
                <FormattedMessage id="counselling.form.open" />
              </Button>
            )}
          </Group>
          {formOpen && <SessionForm record={record} onDone={() => setFormOpen(false)} />}
        </Card>
      )}
      <SectionCard title="counselling.sessions">
        <QueryState query={sessions} empty="counselling.sessions.empty" isEmpty={(list) => list.length === 0}>
          {(list) => (
            <Stack component="ul" className="plain-list" gap="sm" aria-label={intl.formatMessage({ id: 'counselling.sessions' })}>
              {list.map((s) => (
                <SessionCard key={s.id} record={record} session={s} />
              ))}
            </Stack>
          )}
        </QueryState>
      </SectionCard>
    </Stack>
  );
}
