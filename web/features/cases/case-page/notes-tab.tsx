import { Badge, Button, Card, Checkbox, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { api, seg } from '../../../lib/api';
import { formatMoment } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { caseKeys, useCaseNotes } from '../api';

function AddNote({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (input: { body: string; sensitive: boolean }) =>
      api.create(`/api/cases/${seg(caseId)}/notes`, input),
    onSuccess: async () => {
      setBody('');
      setSensitive(false);
      await queryClient.invalidateQueries({ queryKey: caseKeys.notes(caseId) });
      notifications.show({ color: 'green', message: t('notes.added') });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setError(t('validation.required'));
      return;
    }
    mutation.mutate({ body: body.trim(), sensitive: can('case.note.sensitive') && sensitive });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
        <Textarea
          label={t('notes.body')}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(undefined);
          }}
          error={error}
          autosize
          minRows={3}
          maxRows={12}
          withAsterisk
          aria-required
        />
        {can('case.note.sensitive') && (
          <Checkbox
            label={t('notes.sensitive')}
            description={t('notes.sensitive.hint')}
            checked={sensitive}
            onChange={(e) => setSensitive(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="notes.add" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NotesTab({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const notes = useCaseNotes(caseId);
  const sorted = [...(notes.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack>
      {can('case.note.write') && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            <FormattedMessage id="notes.addHeading" />
          </Title>
          <AddNote caseId={caseId} />
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="notes.heading" />
        </Title>
        {notes.isPending ? (
          <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />
        ) : notes.isError ? (
          <ApiErrorAlert error={notes.error} />
        ) : sorted.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="notes.empty" />
          </Text>
        ) : (
          <ul className="plain-list">
            {sorted.map((note) => (
              <Paper key={note.id} component="li" withBorder p="sm" bg={note.sensitive ? 'red.0' : undefined}>
                <Group justify="space-between" mb={4} wrap="wrap">
                  <Text size="xs" c="dimmed">
                    <FormattedMessage
                      id="notes.meta"
                      values={{ author: note.authorName ?? '', at: formatMoment(intl, note.createdAt) }}
                    />
                  </Text>
                  {note.sensitive && (
                    <Badge color="red" variant="light" tt="none">
                      <FormattedMessage id="notes.sensitiveBadge" />
                    </Badge>
                  )}
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                  {note.body}
                </Text>
              </Paper>
            ))}
          </ul>
        )}
      </Card>
    </Stack>
  );
}
