import { Alert, Button, Group, NativeSelect, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useCallback, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { AppModal } from '../../../components/app-modal';
import { etagOf, newIdempotencyKey, seg } from '../../../lib/api';
import { fieldErrorMap } from '../../../lib/error-message';
import { changeCase, useCaseChanged, useInvalidateCase } from '../api';
import { optionalEnumOptions } from '../../../lib/enum-options';
import { RELATIONSHIPS, type Relationship } from '../../../../shared/cases';
import type { CaseMemberView as CaseMember } from '../../../../shared/schemas/cases';
import {
  draftFromPerson,
  emptyPerson,
  toPersonPayload,
  validatePerson,
  type PersonDraft,
  type PersonPayload,
} from '../person/person-draft';
import { PersonSection, type DuplicateStatus } from '../person/person-section';
import { personName } from '../../../lib/erased';

interface PersonFormState {
  draft: PersonDraft;
  errors: Record<string, string>;
  failure: unknown;
  busy: boolean;
  confirmedFor: string | null;
  notice: string | null;
}

/**
 * Shared state of the two dialogs: fields, client checks, duplicate gate, server errors.
 * `gate`: possible duplicates must be dismissed before saving (adding someone new); correcting an
 * existing person only shows them.
 */
function usePersonForm(initial: PersonDraft, gate: boolean) {
  const intl = useIntl();
  const [state, setState] = useState<PersonFormState>({
    draft: initial,
    errors: {},
    failure: null,
    busy: false,
    confirmedFor: null,
    notice: null,
  });
  const duplicates = useRef<DuplicateStatus>({ checking: false, blocked: false });
  const patch = useCallback((p: Partial<PersonFormState>) => setState((s) => ({ ...s, ...p })), []);
  const onDuplicateStatus = useCallback((status: DuplicateStatus) => {
    duplicates.current = status;
  }, []);
  const onConfirm = useCallback((confirmedFor: string | null) => patch({ confirmedFor }), [patch]);

  const check = (extra: Record<string, string> = {}): boolean => {
    if (gate && duplicates.current.checking) {
      patch({ notice: intl.formatMessage({ id: 'duplicates.stillChecking' }) });
      return false;
    }
    const errors = { ...validatePerson(intl, state.draft, 'person'), ...extra };
    if (gate && duplicates.current.blocked) errors['person.differentPerson'] = intl.formatMessage({ id: 'duplicates.mustConfirm' });
    const count = Object.keys(errors).length;
    patch({ errors, notice: count ? intl.formatMessage({ id: 'validation.summary' }, { count }) : null });
    return count === 0;
  };

  /** `prefix` maps the server's paths onto this form's (a PATCH body is the person itself). */
  const fail = (error: unknown, prefix = '') => {
    const errors = Object.fromEntries(
      Object.entries(fieldErrorMap(error, intl)).map(([path, message]) => [
        prefix && !path.startsWith(prefix) ? prefix + path : path,
        message,
      ]),
    );
    patch({ failure: error, busy: false, errors });
  };

  return { state, patch, check, fail, onDuplicateStatus, onConfirm };
}

function FormFeedback({ notice, failure, onReload }: { notice: string | null; failure: unknown; onReload: () => void }) {
  return (
    <>
      <div aria-live="polite" role="status">
        {notice && (
          <Alert color="red" role="presentation">
            {notice}
          </Alert>
        )}
      </div>
      <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} onReload={onReload} /> : null}</div>
    </>
  );
}

/** Only changed fields; a cleared optional field is sent as null so the server clears it. */
function changedFields(before: PersonPayload, after: PersonPayload): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof PersonPayload>;
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) body[key] = after[key] ?? null;
  }
  return body;
}

export function EditPersonModal({ caseId, member, onClose }: { caseId: string; member: CaseMember; onClose: () => void }) {
  const intl = useIntl();
  const narrow = useMediaQuery('(max-width: 48em)');
  const invalidate = useInvalidateCase(caseId);
  const changed = useCaseChanged(caseId);
  const form = usePersonForm(draftFromPerson(member.person), false);
  const { state, patch } = form;

  const save = async () => {
    if (!form.check()) return;
    const body = changedFields(toPersonPayload(draftFromPerson(member.person)), toPersonPayload(state.draft));
    if (Object.keys(body).length === 0) return onClose();
    patch({ busy: true, failure: null });
    try {
      const result = await changeCase('PATCH', `/api/cases/${seg(caseId)}/persons/${seg(member.person.id)}`, body, {
        etag: etagOf(member.person.id, member.person.version),
      });
      await changed(result);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'household.edit.saved' }) });
      onClose();
    } catch (error) {
      form.fail(error, 'person.');
    }
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      size="xl"
      fullScreen={Boolean(narrow)}
      title={intl.formatMessage({ id: 'household.edit.title' }, { name: personName(member.person) })}
    >
      <Stack>
        <FormFeedback notice={state.notice} failure={state.failure} onReload={() => void invalidate().then(onClose)} />
        <PersonSection
          value={state.draft}
          onChange={(draft) => patch({ draft })}
          errors={state.errors}
          prefix="person"
          confirmedFor={state.confirmedFor}
          onConfirm={form.onConfirm}
          onDuplicateStatus={form.onDuplicateStatus}
          excludePersonId={member.person.id}
          requireConfirmation={false}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button onClick={() => void save()} loading={state.busy}>
            <FormattedMessage id="common.saveChanges" />
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

export function AddMemberModal({ caseId, etag, onClose }: { caseId: string; etag: string; onClose: () => void }) {
  const intl = useIntl();
  const narrow = useMediaQuery('(max-width: 48em)');
  const invalidate = useInvalidateCase(caseId);
  const changed = useCaseChanged(caseId);
  const form = usePersonForm(emptyPerson(), true);
  const { state, patch } = form;
  const [relationship, setRelationship] = useState<Relationship | ''>('');
  const idempotency = useRef<{ body: string; key: string } | null>(null);

  const save = async () => {
    const extra: Record<string, string> = relationship
      ? {}
      : { relationship: intl.formatMessage({ id: 'validation.choose' }) };
    if (!form.check(extra)) return;
    const body = { relationship, person: toPersonPayload(state.draft) };
    const json = JSON.stringify(body);
    if (idempotency.current?.body !== json) idempotency.current = { body: json, key: newIdempotencyKey() };
    patch({ busy: true, failure: null });
    try {
      const result = await changeCase('POST', `/api/cases/${seg(caseId)}/members`, body, {
        etag,
        idempotencyKey: idempotency.current.key,
      });
      await changed(result);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'household.add.saved' }) });
      onClose();
    } catch (error) {
      form.fail(error);
    }
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      size="xl"
      fullScreen={Boolean(narrow)}
      title={intl.formatMessage({ id: 'household.add.title' })}
    >
      <Stack>
        <FormFeedback notice={state.notice} failure={state.failure} onReload={() => void invalidate().then(onClose)} />
        <NativeSelect
          label={intl.formatMessage({ id: 'member.relationship' })}
          data={optionalEnumOptions(intl, 'relationship', RELATIONSHIPS)}
          value={relationship}
          onChange={(e) => setRelationship(e.currentTarget.value as Relationship | '')}
          error={state.errors.relationship}
          withAsterisk
          aria-required
          maw={360}
        />
        <PersonSection
          value={state.draft}
          onChange={(draft) => patch({ draft })}
          errors={state.errors}
          prefix="person"
          confirmedFor={state.confirmedFor}
          onConfirm={form.onConfirm}
          onDuplicateStatus={form.onDuplicateStatus}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button onClick={() => void save()} loading={state.busy}>
            <FormattedMessage id="household.add.submit" />
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
