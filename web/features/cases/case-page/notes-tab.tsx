import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { noteBody } from '../../../../shared/schemas/cases';
import { CheckboxField, SchemaForm, TextareaField } from '../../../components/form/schema-form';
import { useSchemaForm } from '../../../components/form/use-schema-form';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { formatMoment } from '../../../lib/dates';
import { shownText } from '../../../lib/erased';
import { useSession } from '../../../lib/session';
import { addCaseNote, caseKeys, useCaseNotes } from '../api';

function AddNote({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const mayMarkSensitive = can('case.note.sensitive');
  const state = useSchemaForm({
    schema: noteBody,
    initialValues: { body: '', sensitive: false },
    toBody: (values) => ({ body: values.body, sensitive: mayMarkSensitive && values.sensitive }),
    submit: (body) => addCaseNote(caseId, body),
    onSuccess: async () => {
      state.form.reset();
      await queryClient.invalidateQueries({ queryKey: caseKeys.notes(caseId) });
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'notes.added' }) });
    },
  });
  return (
    <SchemaForm state={state} submitLabel="notes.add">
      <TextareaField name="body" label="notes.body" required minRows={3} maxRows={12} />
      {mayMarkSensitive && <CheckboxField name="sensitive" label="notes.sensitive" hint="notes.sensitive.hint" />}
    </SchemaForm>
  );
}

export function NotesTab({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const notes = useCaseNotes(caseId);
  return (
    <Stack>
      {can('case.note.write') && (
        <SectionCard title="notes.addHeading">
          <AddNote caseId={caseId} />
        </SectionCard>
      )}
      <SectionCard title="notes.heading">
        <QueryState query={notes} empty="notes.empty" isEmpty={(list) => list.length === 0}>
          {(list) => (
            <ul className="plain-list">
              {[...list]
                .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                .map((note) => (
                  <Paper key={note.id} component="li" withBorder p="sm" bg={note.sensitive ? 'red.0' : undefined}>
                    <Group justify="space-between" mb={4} wrap="wrap">
                      <Text size="xs" c="dimmed">
                        <FormattedMessage
                          id="notes.meta"
                          values={{ author: <bdi>{note.authorName ?? ''}</bdi>, at: <bdi>{formatMoment(intl, note.createdAt)}</bdi> }}
                        />
                      </Text>
                      {note.sensitive && (
                        <Badge color="red" variant="light" tt="none">
                          <FormattedMessage id="notes.sensitiveBadge" />
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
                      {shownText(intl, note.body)}
                    </Text>
                  </Paper>
                ))}
            </ul>
          )}
        </QueryState>
      </SectionCard>
    </Stack>
  );
}
