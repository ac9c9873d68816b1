import { Button, Card, Group, Loader, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CountrySelect } from '../../components/country-select';
import { PageTitle } from '../../components/page-title';
import { isValidIsoDate } from '../../lib/dates';
import { useLanguages, rankedFilter } from '../../lib/reference';
import { enumOptions } from '../../lib/enum-options';
import { counsellingKeys, saveCoiEntry, useCoiEntry, type CoiEntry } from './api';
import { COI_TOPICS } from '../../../shared/counselling';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { DateField } from '../../components/date-field';

interface FormState {
  country: string | null;
  topic: string | null;
  title: string;
  summary: string;
  body: string;
  language: string | null;
  source: string;
  informationDate: string;
}

function CoiForm({ entry, etag }: { entry?: CoiEntry; etag?: string }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { options: languageOptions } = useLanguages();
  const [form, setForm] = useState<FormState>(() => ({
    country: entry?.country ?? null,
    topic: entry?.topic ?? null,
    title: entry?.current.title ?? '',
    summary: entry?.current.summary ?? '',
    body: entry?.current.body ?? '',
    language: entry?.current.language ?? null,
    source: entry?.current.source ?? '',
    informationDate: entry?.current.informationDate ?? '',
  }));
  const [errors, setErrors] = useState<Partial<Record<keyof FormState, string>>>({});
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      saveCoiEntry(entry, etag, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: counsellingKeys.coiAll });
      notifications.show({ color: 'green', message: t(entry ? 'counselling.coi.savedVersion' : 'counselling.coi.created') });
      navigate(`/country-information/${saved.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = t('validation.required');
    const next: typeof errors = {};
    if (!entry && !form.country) next.country = required;
    if (!entry && !form.topic) next.topic = required;
    if (!form.title.trim()) next.title = required;
    if (!form.body.trim()) next.body = required;
    if (!form.language) next.language = required;
    if (!form.source.trim()) next.source = required;
    if (!isValidIsoDate(form.informationDate)) next.informationDate = required;
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      focusFirstInvalid();
      return;
    }
    mutation.mutate({
      ...(entry ? {} : { country: form.country, topic: form.topic }),
      title: form.title.trim(),
      summary: form.summary.trim() || null,
      body: form.body.trim(),
      language: form.language,
      source: form.source.trim(),
      informationDate: form.informationDate,
    });
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
          <Group grow align="flex-start" wrap="wrap">
            <CountrySelect label={t('counselling.coi.country')} value={form.country} onChange={(v) => set('country', v)} error={errors.country} withAsterisk disabled={Boolean(entry)} />
            <Select
              label={t('counselling.coi.topic')}
              data={enumOptions(intl, 'counselling.coiTopic', COI_TOPICS)}
              value={form.topic}
              onChange={(v) => set('topic', v)}
              error={errors.topic}
              withAsterisk
              disabled={Boolean(entry)}
            />
          </Group>
          <TextInput label={t('counselling.coi.entryTitle')} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} error={errors.title} withAsterisk maxLength={300} dir="auto" />
          <Textarea label={t('counselling.coi.summary')} value={form.summary} onChange={(e) => set('summary', e.currentTarget.value)} autosize minRows={2} maxLength={2000} dir="auto" />
          <Textarea label={t('counselling.coi.body')} value={form.body} onChange={(e) => set('body', e.currentTarget.value)} error={errors.body} withAsterisk autosize minRows={6} maxLength={100000} dir="auto" />
          <Group grow align="flex-start" wrap="wrap">
            <Select label={t('counselling.coi.language')} data={languageOptions} filter={rankedFilter} value={form.language} onChange={(v) => set('language', v)} error={errors.language} searchable withAsterisk />
            <TextInput label={t('counselling.coi.source')} value={form.source} onChange={(e) => set('source', e.currentTarget.value)} error={errors.source} withAsterisk maxLength={500} />
            <DateField label={t('counselling.coi.informationDate')} value={form.informationDate} onChange={(day) => set('informationDate', day)} error={errors.informationDate} withAsterisk />
          </Group>
          <Group justify="flex-end">
            <Button component={Link} to={entry ? `/country-information/${entry.id}` : '/country-information'} variant="default">
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              <FormattedMessage id={entry ? 'counselling.coi.saveVersion' : 'counselling.coi.create'} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function CoiNewPage() {
  return (
    <Stack>
      <PageTitle id="counselling.coi.new" />
      <CoiForm />
    </Stack>
  );
}

/** Editing saves a new version; the older ones stay readable. */
export function CoiEditPage() {
  const intl = useIntl();
  const { entryId = '' } = useParams();
  const query = useCoiEntry(entryId);
  if (query.isPending) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  return (
    <Stack>
      <PageTitle id="counselling.coi.editTitle" values={{ title: query.data.entry.title }} />
      <CoiForm entry={query.data.entry} etag={query.data.etag} />
    </Stack>
  );
}
