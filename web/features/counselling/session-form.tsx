import {
  Badge, Button, Checkbox, Group, Loader, MultiSelect, Radio, Select, Stack, TagsInput, Text, Textarea, TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { CountrySelect } from '../../components/country-select';
import { formatDay } from '../../lib/dates';
import { useLanguages, rankedFilter } from '../../lib/reference';
import { useMe, useSession } from '../../lib/session';
import { enumOptions } from '../../lib/enum-options';
import { counsellingKeys, recordSession, useCoiSearch, useCounsellors } from './api';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { COUNSELLING_TOPICS, SESSION_MODES } from '../../../shared/counselling';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { personName } from '../../lib/erased';

/** A local date-time for `<input type="datetime-local">`, from a Date. */
function localInput(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface FormState {
  status: 'held' | 'scheduled';
  startsAt: string;
  mode: string;
  counsellorId: string | null;
  participantPersonIds: string[];
  otherParticipants: string[];
  languages: string[];
  withInterpreter: boolean;
  interpreterName: string;
  interpreterLanguage: string | null;
  topics: string[];
  coiCountry: string | null;
  coiVersionIds: string[];
  notes: string;
  nextSteps: string;
}

/** Picks the COI entries given in the session: the case's country of return first, stale ones flagged. */
function CoiPicker({ country, onCountry, value, onChange }: { country: string | null; onCountry: (c: string | null) => void; value: string[]; onChange: (v: string[]) => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { name: languageName } = useLanguages();
  const search = useCoiSearch({ country: country ?? undefined }, Boolean(country));
  return (
    <Stack gap="xs">
      <CountrySelect label={t('counselling.coi.country')} value={country} onChange={onCountry} w={{ base: '100%', sm: 320 }} />
      {!country ? null : search.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : search.isError ? (
        <ApiErrorAlert error={search.error} />
      ) : search.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          <FormattedMessage id="counselling.coi.none" />
        </Text>
      ) : (
        <Checkbox.Group label={t('counselling.coi.given')} value={value} onChange={onChange}>
          <Stack gap={6} mt={4}>
            {search.data.items.map((e) => (
              <Checkbox
                key={e.id}
                value={e.currentVersionId}
                label={
                  <Group gap={6} wrap="wrap">
                    <span dir="auto">{e.title}</span>
                    <Text span size="xs" c="dimmed">
                      {t(`counselling.coiTopic.${e.topic}`)} · {languageName(e.language)} · {formatDay(intl, e.informationDate)} · {t('counselling.coi.versionN', { version: e.version })}
                    </Text>
                    {e.stale && (
                      <Badge color="orange" variant="light" tt="none">
                        <FormattedMessage id="counselling.coi.stale" />
                      </Badge>
                    )}
                  </Group>
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
    </Stack>
  );
}

export function SessionForm({ record, onDone }: { record: CaseRecord; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const me = useMe();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const counsellors = useCounsellors();
  const { options: languageOptions } = useLanguages();
  const [form, setForm] = useState<FormState>(() => ({
    status: 'held',
    startsAt: localInput(new Date()),
    mode: 'office',
    counsellorId: me.user.id,
    participantPersonIds: record.members.filter((m) => m.isPrincipal).map((m) => m.person.id),
    otherParticipants: [],
    languages: [],
    withInterpreter: false,
    interpreterName: '',
    interpreterLanguage: null,
    topics: [],
    coiCountry: record.countryOfReturn,
    coiVersionIds: [],
    notes: '',
    nextSteps: '',
  }));
  const [errors, setErrors] = useState<Partial<Record<keyof FormState, string>>>({});
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const mutation = useMutation({
    mutationFn: (body: unknown) => recordSession(record.id, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: counsellingKeys.sessions(record.id) });
      await queryClient.invalidateQueries({ queryKey: ['counselling', 'appointments'] });
      notifications.show({ color: 'green', message: t(form.status === 'held' ? 'counselling.recorded' : 'counselling.scheduled') });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    const when = new Date(form.startsAt);
    if (!form.startsAt || Number.isNaN(when.getTime())) next.startsAt = t('validation.required');
    else if (form.status === 'held' && when.getTime() > Date.now()) next.startsAt = t('counselling.error.heldInFuture');
    if (!form.counsellorId) next.counsellorId = t('validation.required');
    if (form.withInterpreter && !form.interpreterName.trim()) next.interpreterName = t('validation.required');
    if (form.withInterpreter && !form.interpreterLanguage) next.interpreterLanguage = t('validation.required');
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      focusFirstInvalid();
      return;
    }
    mutation.mutate({
      status: form.status,
      startsAt: when.toISOString(),
      mode: form.mode,
      counsellorId: form.counsellorId,
      participantPersonIds: form.participantPersonIds,
      otherParticipants: form.otherParticipants.map((p) => p.trim()).filter(Boolean),
      languages: form.languages,
      interpreter: form.withInterpreter ? { name: form.interpreterName.trim(), language: form.interpreterLanguage } : null,
      topics: form.topics,
      coiVersionIds: form.coiVersionIds,
      ...(can('case.note.sensitive') ? { notes: form.notes.trim() || null } : {}),
      nextSteps: form.nextSteps.trim() || null,
    });
  };

  const memberName = (m: CaseRecord['members'][number]) => personName(m.person);
  return (
    <form onSubmit={submit} noValidate aria-label={t('counselling.form.label')}>
      <Stack gap="sm">
        <div aria-live="assertive">{mutation.error ? <ApiErrorAlert error={mutation.error} /> : null}</div>
        <Radio.Group label={t('counselling.form.kind')} value={form.status} onChange={(v) => set('status', v as FormState['status'])}>
          <Group mt={4}>
            <Radio value="held" label={t('counselling.form.kind.held')} />
            <Radio value="scheduled" label={t('counselling.form.kind.scheduled')} />
          </Group>
        </Radio.Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t('counselling.startsAt')}
            value={form.startsAt}
            onChange={(e) => set('startsAt', e.currentTarget.value)}
            error={errors.startsAt}
            withAsterisk
            aria-required
          />
          <Select label={t('counselling.mode')} data={enumOptions(intl, 'counselling.mode', SESSION_MODES)} value={form.mode} onChange={(v) => set('mode', v ?? 'office')} allowDeselect={false} />
          <Select
            label={t('counselling.counsellor')}
            data={(counsellors.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={form.counsellorId}
            onChange={(v) => set('counsellorId', v)}
            error={errors.counsellorId}
            withAsterisk
            searchable
          />
        </Group>
        <Checkbox.Group label={t('counselling.participants')} value={form.participantPersonIds} onChange={(v) => set('participantPersonIds', v)}>
          <Group mt={4}>
            {record.members.map((m) => (
              <Checkbox key={m.person.id} value={m.person.id} label={memberName(m)} />
            ))}
          </Group>
        </Checkbox.Group>
        <TagsInput
          label={t('counselling.otherParticipants')}
          description={t('counselling.otherParticipants.hint')}
          value={form.otherParticipants}
          onChange={(v) => set('otherParticipants', v)}
          maxTags={20}
        />
        <MultiSelect label={t('counselling.languages')} data={languageOptions} filter={rankedFilter} value={form.languages} onChange={(v) => set('languages', v)} searchable maxValues={10} />
        <Checkbox label={t('counselling.interpreter.present')} checked={form.withInterpreter} onChange={(e) => set('withInterpreter', e.currentTarget.checked)} />
        {form.withInterpreter && (
          <Group grow align="flex-start" wrap="wrap">
            <TextInput label={t('counselling.interpreter.name')} value={form.interpreterName} onChange={(e) => set('interpreterName', e.currentTarget.value)} error={errors.interpreterName} withAsterisk maxLength={120} />
            <Select label={t('counselling.interpreter.language')} data={languageOptions} filter={rankedFilter} value={form.interpreterLanguage} onChange={(v) => set('interpreterLanguage', v)} error={errors.interpreterLanguage} searchable withAsterisk />
          </Group>
        )}
        <MultiSelect label={t('counselling.topics')} data={enumOptions(intl, 'counselling.topic', COUNSELLING_TOPICS)} value={form.topics} onChange={(v) => set('topics', v)} />
        <CoiPicker country={form.coiCountry} onCountry={(c) => set('coiCountry', c)} value={form.coiVersionIds} onChange={(v) => set('coiVersionIds', v)} />
        {can('case.note.sensitive') && (
          <Textarea label={t('counselling.notes')} description={t('counselling.notes.hint')} value={form.notes} onChange={(e) => set('notes', e.currentTarget.value)} autosize minRows={3} maxLength={20000} />
        )}
        <Textarea label={t('counselling.nextSteps')} value={form.nextSteps} onChange={(e) => set('nextSteps', e.currentTarget.value)} autosize minRows={2} maxLength={5000} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            <FormattedMessage id={form.status === 'held' ? 'counselling.form.submitHeld' : 'counselling.form.submitScheduled'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
