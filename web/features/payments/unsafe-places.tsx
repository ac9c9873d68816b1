import { Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AppModal } from '../../components/app-modal';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { ConfirmAction } from '../../components/confirm-action';
import { CountrySelect } from '../../components/country-select';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { useCountries } from '../../lib/reference';
import { useUnsafeLocationActions, useUnsafeLocations, type UnsafeLocation } from './api';

/** A project's places unsafe to revisit (project settings, `project.manage`): their cases are paid in one tranche. */
export function UnsafePlacesModal({ project, onClose }: { project: { id: string; code: string }; onClose: () => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const countries = useCountries();
  const locations = useUnsafeLocations(project.id);
  const { add, remove } = useUnsafeLocationActions(project.id);
  const [country, setCountry] = useState<string | null>(null);
  const [place, setPlace] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [removing, setRemoving] = useState<UnsafeLocation | null>(null);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const required = t('payments.form.required');
    const next = { country: country ? undefined : required, place: place.trim() ? undefined : required, reason: reason.trim() ? undefined : required };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    add.mutate({ country: country!, place: place.trim(), reason: reason.trim() }, { onSuccess: () => { setPlace(''); setReason(''); } });
  };
  const columns: DataColumn<UnsafeLocation>[] = [
    { id: 'country', header: 'payments.unsafePlaces.country', cell: (l) => countries.name(l.country) },
    { id: 'place', header: 'payments.unsafePlaces.place', cell: (l) => <bdi>{l.place}</bdi> },
    { id: 'reason', header: 'payments.unsafePlaces.reason', cell: (l) => <bdi>{l.reason}</bdi> },
  ];
  return (
    <AppModal opened onClose={onClose} title={t('payments.unsafePlaces.title', { code: project.code })} size="lg">
      <Stack gap="md">
        <Text size="sm"><FormattedMessage id="payments.unsafePlaces.intro" /></Text>
        <DataTable
          columns={columns} rows={locations.data} rowKey={(l) => l.id} loading={locations.isPending} error={locations.error} errorScope="payments"
          caption={t('payments.unsafePlaces.caption', { code: project.code })} empty="payments.unsafePlaces.empty"
          rowActions={(l) => (
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => { remove.reset(); setRemoving(l); }} aria-label={t('payments.unsafePlaces.removeOf', { place: l.place })}>
              <FormattedMessage id="payments.unsafePlaces.remove" />
            </Button>
          )}
        />
        <form onSubmit={submit} noValidate aria-label={t('payments.unsafePlaces.add')}>
          <Stack gap="sm">
            <div aria-live="assertive"><ApiErrorAlert error={add.error} scope="payments" /></div>
            <Group grow align="flex-start">
              <CountrySelect label={t('payments.unsafePlaces.country')} value={country} onChange={setCountry} error={errors.country} withAsterisk />
              <TextInput label={t('payments.unsafePlaces.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.place} maxLength={200} withAsterisk />
            </Group>
            <Textarea label={t('payments.unsafePlaces.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} autosize minRows={2} maxLength={1000} withAsterisk />
            <Group justify="flex-end">
              <Button type="submit" loading={add.isPending}><FormattedMessage id="payments.unsafePlaces.add" /></Button>
            </Group>
          </Stack>
        </form>
      </Stack>
      <ConfirmAction
        opened={removing !== null} onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        title="payments.unsafePlaces.removeTitle" body="payments.unsafePlaces.removeBody" bodyValues={{ place: <bdi>{removing?.place ?? ''}</bdi> }}
        confirmLabel="payments.unsafePlaces.remove" color="red" pending={remove.isPending} error={remove.error} errorScope="payments"
      />
    </AppModal>
  );
}
