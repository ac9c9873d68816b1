import { Autocomplete, Button, Card, Checkbox, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { newIdempotencyKey } from '../../lib/api';
import { todayIso } from '../../lib/dates';
import { useLanguages, rankedFilter } from '../../lib/reference';
import { useSession } from '../../lib/session';
import { decisionRequests, uploadDeclaration, useDecisionAction, type DecidedBy, type OverviewWithEtag, type RecordDecisionInput } from './api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { DateField } from '../../components/date-field';
import { FileField } from '../../components/file-field';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { shownPersonName } from '../../lib/erased';

interface Draft {
  personId: string | null;
  decidedOn: string;
  decidedBy: DecidedBy;
  representativeName: string;
  language: string | null;
  informationUnderstood: boolean;
  noPressure: boolean;
  counsellorId: string | null;
}

/** Records the informed decision of one travelling member: the signed declaration is uploaded first. */
export function DecisionForm({ caseId, data }: { caseId: string; data: OverviewWithEtag }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { me } = useSession();
  const languages = useLanguages();
  const fileRef = useRef<HTMLInputElement>(null);
  const { overview } = data;
  const travelling = overview.members.filter((m) => m.travelling);
  const firstMissing = overview.withoutDecision[0]?.personId ?? travelling[0]?.personId ?? null;
  const defaultCounsellor = overview.counsellors.some((c) => c.id === me?.user.id) ? me!.user.id : null;
  // A member under 18 decides through a guardian: that is the default for them.
  const decidedByFor = (personId: string | null): DecidedBy => (travelling.find((m) => m.personId === personId)?.minor ? 'guardian' : 'self');
  // The guardian is usually an adult of the household: offered by name, any other name may be typed.
  const adults = overview.members.filter((m) => !m.minor).map((m) => shownPersonName(m.name));
  const empty = (): Draft => ({
    personId: firstMissing, decidedOn: todayIso(), decidedBy: decidedByFor(firstMissing), representativeName: '', language: null,
    informationUnderstood: false, noPressure: false, counsellorId: defaultCounsellor,
  });
  const [draft, setDraft] = useState<Draft>(empty);
  const [file, setFile] = useState<File | null>(null);
  // Once uploaded, a retry after a refusal reuses the declaration instead of uploading it again.
  const [uploaded, setUploaded] = useState<{ file: File; id: string } | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<Partial<Record<keyof Draft | 'file', string>>>({});
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const mutation = useDecisionAction(caseId, decisionRequests.record(caseId));

  const member = travelling.find((m) => m.personId === draft.personId);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!draft.personId) next.personId = t('decisions.form.required');
    if (!draft.decidedOn) next.decidedOn = t('decisions.form.required');
    if (member?.minor && draft.decidedBy === 'self') next.decidedBy = t('decisions.form.childNeedsGuardian');
    if (draft.decidedBy !== 'self' && !draft.representativeName.trim()) next.representativeName = t('decisions.form.representativeRequired');
    if (!draft.language) next.language = t('decisions.form.required');
    if (!draft.informationUnderstood) next.informationUnderstood = t('decisions.form.mustConfirm');
    if (!draft.noPressure) next.noPressure = t('decisions.form.mustConfirm');
    if (!draft.counsellorId) next.counsellorId = t('decisions.form.required');
    if (!file) next.file = t('decisions.form.declarationRequired');
    setErrors(next);
    if (Object.keys(next).length) {
      focusFirstInvalid();
      return;
    }
    setUploadError(null);
    let declarationId = uploaded && uploaded.file === file ? uploaded.id : null;
    if (!declarationId) {
      setUploading(true);
      try {
        declarationId = await uploadDeclaration(caseId, file!, t('decisions.form.declarationDescription', { name: member?.name ?? '' }));
        setUploaded({ file: file!, id: declarationId });
      } catch (error) {
        setUploadError(error);
        return;
      } finally {
        setUploading(false);
      }
    }
    const body: RecordDecisionInput = {
      personId: draft.personId!, decidedOn: draft.decidedOn, decidedBy: draft.decidedBy, language: draft.language!,
      informationUnderstood: draft.informationUnderstood, noPressure: draft.noPressure, declarationAttachmentId: declarationId, counsellorId: draft.counsellorId!,
      ...(draft.decidedBy !== 'self' ? { representativeName: draft.representativeName.trim() } : {}),
    };
    mutation.mutate({ input: { body, key }, etag: data.etag }, {
      onSuccess: (result) => {
        notifications.show({ color: 'green', message: t('decisions.form.recorded', { name: member?.name ?? '' }) });
        setKey(newIdempotencyKey());
        setFile(null);
        setUploaded(null);
        if (fileRef.current) fileRef.current.value = '';
        const missing = result.overview.withoutDecision[0]?.personId ?? draft.personId;
        setDraft((d) => ({ ...empty(), personId: missing, decidedBy: decidedByFor(missing), language: d.language, counsellorId: d.counsellorId, decidedOn: d.decidedOn }));
      },
    });
  };

  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        <FormattedMessage id="decisions.form.heading" />
      </Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive">
            <ApiErrorAlert scope="decisions" error={uploadError ?? mutation.error} />
          </div>
          <Select
            label={t('decisions.form.member')}
            data={travelling.map((m) => ({ value: m.personId, label: m.current ? t('decisions.form.memberHasDecision', { name: shownPersonName(m.name) }) : shownPersonName(m.name) }))}
            value={draft.personId}
            onChange={(v) => {
              set('personId', v);
              const by = decidedByFor(v);
              if (by === 'guardian' || draft.decidedBy === 'self' || decidedByFor(draft.personId) === 'guardian') set('decidedBy', by);
            }}
            error={errors.personId}
            withAsterisk
            allowDeselect={false}
          />
          <DateField
            label={t('decisions.form.decidedOn')}
            value={draft.decidedOn}
            max={todayIso()}
            onChange={(day) => set('decidedOn', day)}
            error={errors.decidedOn}
            withAsterisk
          />
          <Select
            label={t('decisions.form.decidedBy')}
            description={member?.minor ? t('decisions.form.minorHint') : undefined}
            data={(['self', 'guardian', 'representative'] as const).map((v) => ({ value: v, label: t(`decisions.decidedBy.${v}`), disabled: v === 'self' && !!member?.minor }))}
            value={draft.decidedBy}
            onChange={(v) => set('decidedBy', (v ?? 'self') as DecidedBy)}
            error={errors.decidedBy}
            allowDeselect={false}
            withAsterisk
          />
          {draft.decidedBy === 'guardian' && (
            <Autocomplete
              label={t('decisions.form.guardianName')}
              description={adults.length ? t('decisions.form.guardianHint') : undefined}
              data={adults}
              value={draft.representativeName}
              onChange={(v) => set('representativeName', v)}
              error={errors.representativeName}
              withAsterisk
            />
          )}
          {draft.decidedBy === 'representative' && (
            <TextInput
              label={t('decisions.form.representativeName')}
              value={draft.representativeName}
              onChange={(e) => set('representativeName', e.currentTarget.value)}
              error={errors.representativeName}
              withAsterisk
            />
          )}
          <Select
            label={t('decisions.form.language')}
            data={languages.options} filter={rankedFilter}
            value={draft.language}
            onChange={(v) => set('language', v)}
            error={errors.language}
            allowDeselect={false}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            withAsterisk
          />
          <Checkbox label={t('decisions.form.understood')} checked={draft.informationUnderstood} onChange={(e) => set('informationUnderstood', e.currentTarget.checked)} error={errors.informationUnderstood} />
          <Checkbox label={t('decisions.form.noPressure')} checked={draft.noPressure} onChange={(e) => set('noPressure', e.currentTarget.checked)} error={errors.noPressure} />
          <FileField
            ref={fileRef}
            label={t('decisions.form.declaration')}
            description={t('decisions.form.declarationHint')}
            error={errors.file}
            required
            file={file}
            onChange={(chosen) => {
              setFile(chosen);
              setErrors((x) => ({ ...x, file: undefined }));
            }}
          />
          <Select
            label={t('decisions.form.counsellor')}
            data={overview.counsellors.map((c) => ({ value: c.id, label: c.name }))}
            value={draft.counsellorId}
            onChange={(v) => set('counsellorId', v)}
            error={errors.counsellorId}
            allowDeselect={false}
            searchable
            withAsterisk
          />
          <div>
            <Button type="submit" loading={uploading || mutation.isPending}>
              <FormattedMessage id="decisions.form.submit" />
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
