import { ActionIcon, Button, Group, MultiSelect, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { currencies } from '../../../shared/reference/currencies';
import { AppModal } from '../../components/app-modal';
import { useCountries } from '../../lib/reference';
import { eligibilityKeys, saveProject } from './api';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PROJECT_STATUSES, type Donor, type Project, type ProjectInput } from './model';
import { decimalsOf, toMajor, toMinor } from './money';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { DateField } from '../../components/date-field';

const CURRENCY_OPTIONS = currencies.filter((c) => c.kind === 'currency').map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));

interface Form {
  code: string;
  name: string;
  status: ProjectInput['status'];
  startsOn: string;
  endsOn: string;
  currency: string;
  budget: number | string;
  hostCountries: string[];
  returnCountries: string[];
  donors: { name: string; share: number | string }[];
}

const formOf = (p: Project | null): Form => ({
  code: p?.code ?? '',
  name: p?.name ?? '',
  status: p?.status ?? 'draft',
  startsOn: p?.startsOn ?? '',
  endsOn: p?.endsOn ?? '',
  currency: p?.currency ?? 'EUR',
  budget: p ? toMajor(p.budgetMinor, p.currency) : '',
  hostCountries: p?.hostCountries ?? [],
  returnCountries: p?.returnCountries ?? [],
  donors: p?.donors.map((d) => ({ name: d.name, share: d.sharePercent })) ?? [],
});

/** Create or edit a project with its donors and their shares. */
export function ProjectFormModal({ project, onClose }: { project: Project | null; onClose: () => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { options: countryOptions } = useCountries();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(project));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: '' }));
  };
  const shareTotal = useMemo(() => form.donors.reduce((s, d) => s + (Number(d.share) || 0), 0), [form.donors]);
  const save = useMutation({
    mutationFn: (input: ProjectInput) => saveProject(project, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: eligibilityKeys.projects });
      notifications.show({ color: 'green', message: t('eligibility.projects.saved') });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const required = t('validation.required');
    if (!form.code.trim()) next.code = required;
    if (!form.name.trim()) next.name = required;
    if (!form.startsOn) next.startsOn = required;
    if (!form.endsOn) next.endsOn = required;
    if (form.startsOn && form.endsOn && form.endsOn < form.startsOn) next.endsOn = t('eligibility.projects.periodInvalid');
    if (!form.hostCountries.length) next.hostCountries = required;
    if (!form.returnCountries.length) next.returnCountries = required;
    if (shareTotal > 100) next.donors = t('eligibility.projects.sharesExceed', { total: shareTotal });
    if (form.donors.some((d) => !d.name.trim() || !(Number(d.share) > 0))) next.donors = t('eligibility.projects.donorIncomplete');
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      focusFirstInvalid();
      return;
    }
    const donors: Donor[] = form.donors.map((d) => ({ name: d.name.trim(), sharePercent: Number(d.share) }));
    save.mutate({
      code: form.code.trim(), name: form.name.trim(), status: form.status, startsOn: form.startsOn, endsOn: form.endsOn, currency: form.currency,
      budgetMinor: toMinor(form.budget, form.currency), hostCountries: form.hostCountries, returnCountries: form.returnCountries, donors,
    });
  };
  const setDonor = (i: number, patch: Partial<Form['donors'][number]>) => set('donors', form.donors.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <AppModal opened onClose={onClose} title={t(project ? 'eligibility.projects.editTitle' : 'eligibility.projects.createTitle')} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div aria-live="assertive">{save.error ? <ApiErrorAlert scope="eligibility" error={save.error} /> : null}</div>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('eligibility.projects.code')} value={form.code} onChange={(e) => set('code', e.currentTarget.value)} error={errors.code} withAsterisk className="ltr-value" />
            <TextInput label={t('eligibility.projects.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} withAsterisk />
            <NativeSelect
              label={t('eligibility.projects.status')}
              value={form.status}
              onChange={(e) => set('status', e.currentTarget.value as Form['status'])}
              data={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`eligibility.projectStatus.${s}`) }))}
            />
            <Select label={t('eligibility.projects.currency')} data={CURRENCY_OPTIONS} value={form.currency} onChange={(v) => set('currency', v ?? 'EUR')} searchable allowDeselect={false} />
            <DateField label={t('eligibility.projects.startsOn')} value={form.startsOn} onChange={(day) => set('startsOn', day)} error={errors.startsOn} withAsterisk />
            <DateField label={t('eligibility.projects.endsOn')} value={form.endsOn} onChange={(day) => set('endsOn', day)} error={errors.endsOn} withAsterisk />
            <NumberInput label={t('eligibility.projects.budget')} description={t('eligibility.projects.budgetHint', { currency: form.currency })} value={form.budget} onChange={(v) => set('budget', v)} min={0} decimalScale={decimalsOf(form.currency)} thousandSeparator="," />
          </SimpleGrid>
          <MultiSelect label={t('eligibility.projects.hostCountries')} data={countryOptions} value={form.hostCountries} onChange={(v) => set('hostCountries', v)} searchable error={errors.hostCountries} withAsterisk />
          <MultiSelect label={t('eligibility.projects.returnCountries')} data={countryOptions} value={form.returnCountries} onChange={(v) => set('returnCountries', v)} searchable error={errors.returnCountries} withAsterisk />
          <fieldset className="plain-fieldset">
            <legend>
              <Title order={3} size="h5"><FormattedMessage id="eligibility.projects.donors" /></Title>
            </legend>
            <Stack gap="xs">
              {form.donors.map((d, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <TextInput label={t('eligibility.projects.donorName', { n: i + 1 })} value={d.name} onChange={(e) => setDonor(i, { name: e.currentTarget.value })} style={{ flex: 1, minWidth: 200 }} />
                  <NumberInput label={t('eligibility.projects.donorShare', { n: i + 1 })} value={d.share} onChange={(v) => setDonor(i, { share: v })} min={0} max={100} decimalScale={2} suffix=" %" w={140} />
                  <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('eligibility.projects.removeDonor', { n: i + 1 })} onClick={() => set('donors', form.donors.filter((_, j) => j !== i))}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group justify="space-between">
                <Button variant="light" size="xs" onClick={() => set('donors', [...form.donors, { name: '', share: '' }])}>
                  <FormattedMessage id="eligibility.projects.addDonor" />
                </Button>
                <Text size="sm" c={shareTotal > 100 ? 'red' : 'dimmed'}>
                  <FormattedMessage id="eligibility.projects.shareTotal" values={{ total: shareTotal }} />
                </Text>
              </Group>
              {errors.donors && <Text size="sm" c="red" role="alert">{errors.donors}</Text>}
            </Stack>
          </fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}><FormattedMessage id="common.cancel" /></Button>
            <Button type="submit" loading={save.isPending}><FormattedMessage id="common.save" /></Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
