import { Anchor, Button, Card, Group, Input, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { api, seg } from '../../../lib/api';
import { formatMoment } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { caseKeys, useCaseAttachments } from '../api';

function formatSize(intl: IntlShape, bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return intl.formatNumber(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  if (bytes < 1024 * 1024) {
    return intl.formatNumber(bytes / 1024, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 0 });
  }
  return intl.formatNumber(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 });
}

function UploadForm({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const fileId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (form: FormData) => api.create(`/api/cases/${seg(caseId)}/attachments`, form),
    onSuccess: async () => {
      const name = file?.name ?? '';
      setFile(null);
      setDescription('');
      if (fileRef.current) fileRef.current.value = '';
      await queryClient.invalidateQueries({ queryKey: caseKeys.attachments(caseId) });
      notifications.show({ color: 'green', message: t('attachments.uploaded', { name }) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t('attachments.chooseFile'));
      fileRef.current?.focus();
      return;
    }
    const form = new FormData();
    // Fields before the file: the server reads the multipart stream in order.
    if (description.trim()) form.append('description', description.trim());
    form.append('file', file, file.name);
    mutation.mutate(form);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
        <Input.Wrapper label={t('attachments.file')} error={fileError} id={fileId} withAsterisk>
          <input
            id={fileId}
            ref={fileRef}
            type="file"
            aria-invalid={Boolean(fileError)}
            aria-required
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setFileError(undefined);
            }}
            style={{ display: 'block', marginBlockStart: 4 }}
          />
        </Input.Wrapper>
        <TextInput
          label={t('attachments.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          maxLength={500}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="attachments.upload" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function AttachmentsTab({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const attachments = useCaseAttachments(caseId);
  return (
    <Stack>
      {can('case.attachment.write') && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            <FormattedMessage id="attachments.uploadHeading" />
          </Title>
          <UploadForm caseId={caseId} />
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="attachments.heading" />
        </Title>
        {attachments.isPending ? (
          <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />
        ) : attachments.isError ? (
          <ApiErrorAlert error={attachments.error} />
        ) : attachments.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="attachments.empty" />
          </Text>
        ) : (
          <div className="table-scroll">
            <Table striped>
              <Table.Caption>
                <FormattedMessage id="attachments.caption" values={{ count: attachments.data.length }} />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="attachments.fileName" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.description" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.size" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.uploadedBy" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.uploadedAt" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {attachments.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      {/* Downloads are audited by the server; the cookie authenticates the GET. */}
                      <Anchor href={`/api/cases/${seg(caseId)}/attachments/${seg(a.id)}`} download={a.fileName}>
                        {a.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{a.description ?? ''}</Table.Td>
                    <Table.Td>{formatSize(intl, a.sizeBytes ?? a.size)}</Table.Td>
                    <Table.Td>{a.uploadedByName ?? ''}</Table.Td>
                    <Table.Td>{formatMoment(intl, a.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Card>
    </Stack>
  );
}
