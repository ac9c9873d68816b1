import { SimpleGrid } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { AppModal } from '../../components/app-modal';
import { DateField, NativeSelectField, SchemaForm, TextField } from '../../components/form/schema-form';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { TRAINING_KINDS, communityKeys, saveSession, saveTraining, sessionBody, trainingBody, useUsableProviders, type TrainingView } from './api';

/** Creates a group training given by a provider of the registry, or edits one (If-Match). */
export function TrainingFormModal({ training, onClose, onSaved }: { training: TrainingView | null; onClose: () => void; onSaved: (t: TrainingView) => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const providers = useUsableProviders();
  const state = useSchemaForm({
    schema: trainingBody,
    initialValues: { title: training?.title ?? '', kind: training?.kind ?? '', providerId: training?.providerId ?? '' },
    submit: (body) => saveTraining(training, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: communityKeys.all });
      notifications.show({ color: 'green', closeButtonProps: { 'aria-label': intl.formatMessage({ id: 'common.close' }) }, message: intl.formatMessage({ id: training ? 'trainings.form.updated' : 'trainings.form.created' }) });
      onSaved(saved);
      onClose();
    },
  });
  return (
    <AppModal opened onClose={onClose} title={intl.formatMessage({ id: training ? 'trainings.form.editTitle' : 'trainings.form.createTitle' })}>
      <SchemaForm state={state} errorScope="community" submitLabel={training ? 'common.save' : 'trainings.form.create'} onCancel={onClose}>
        <TextField name="title" label="trainings.field.title" required maxLength={200} data-autofocus />
        <NativeSelectField name="kind" label="trainings.field.kind" required options={TRAINING_KINDS} optionPrefix="trainings.kind" blank="trainings.form.chooseKind" />
        <NativeSelectField name="providerId" label="trainings.field.provider" required blank="trainings.form.chooseProvider"
          data={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
      </SchemaForm>
    </AppModal>
  );
}

/** Adds a session to a training, or edits one. */
export function SessionFormModal({ trainingId, session, onClose }: { trainingId: string; session: TrainingView['sessions'][number] | null; onClose: () => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const state = useSchemaForm({
    schema: sessionBody,
    initialValues: { heldOn: session?.heldOn ?? '', startsAt: session?.startsAt ?? '', durationMinutes: String(session?.durationMinutes ?? ''), place: session?.place ?? '' },
    toBody: (v) => ({ ...v, durationMinutes: v.durationMinutes.trim() === '' ? undefined : Number(v.durationMinutes) }),
    submit: (body) => saveSession(trainingId, session?.id ?? null, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: communityKeys.all });
      notifications.show({ color: 'green', closeButtonProps: { 'aria-label': intl.formatMessage({ id: 'common.close' }) }, message: intl.formatMessage({ id: 'trainings.session.saved' }) });
      onClose();
    },
  });
  return (
    <AppModal opened onClose={onClose} title={intl.formatMessage({ id: session ? 'trainings.session.editTitle' : 'trainings.session.addTitle' })}>
      <SchemaForm state={state} errorScope="community" submitLabel="common.save" onCancel={onClose}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField name="heldOn" label="trainings.session.heldOn" required />
          <TextField name="startsAt" label="trainings.session.startsAt" type="time" required dir="ltr" />
          <TextField name="durationMinutes" label="trainings.session.duration" type="number" min={1} max={1440} inputMode="numeric" required />
          <TextField name="place" label="trainings.session.place" required maxLength={200} />
        </SimpleGrid>
      </SchemaForm>
    </AppModal>
  );
}
