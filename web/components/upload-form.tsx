import { Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../lib/api';
import { ApiErrorAlert } from './api-error-alert';
import { FileField } from './file-field';

/**
 * Uploads one file with an optional description to `url` (multipart: "description", then
 * "file"), then refreshes `refresh`. The chosen file and description stay when the server refuses.
 */
export function UploadForm({ url, refresh }: { url: string; refresh: QueryKey }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (form: FormData) => api.create(url, form),
    onSuccess: async () => {
      const name = file?.name ?? '';
      setFile(null);
      setDescription('');
      if (fileRef.current) fileRef.current.value = '';
      await queryClient.invalidateQueries({ queryKey: refresh });
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
        <FileField
          ref={fileRef}
          label={t('attachments.file')}
          error={fileError}
          required
          file={file}
          onChange={(chosen) => {
            setFile(chosen);
            setFileError(undefined);
          }}
        />
        <TextInput label={t('attachments.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={500} />
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id="attachments.upload" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
