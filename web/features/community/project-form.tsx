import { MultiSelect, SimpleGrid, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { isMoneyCurrency, toDecimalString } from '../../../shared/money';
import { currencies } from '../../../shared/reference/currencies';
import { AppModal } from '../../components/app-modal';
import { CountryField, DateField, MoneyField, NativeSelectField, SchemaForm, SelectField, TextField, TextareaField } from '../../components/form/schema-form';
import { withoutBlanks } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { readAmount } from '../../components/money-input';
import { communityKeys, communityProjectBody, saveCommunityProject, useAvrrProjects, useUsableProviders, type CommunityProjectView } from './api';

const CURRENCY_OPTIONS = currencies.filter((c) => c.kind === 'currency' && isMoneyCurrency(c.code)).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
export const BENEFICIARY_FIELDS = ['returneesFemale', 'returneesMale', 'returneesOther', 'communityFemale', 'communityMale', 'communityOther'] as const;

/** Creates a community project in the user's office, or edits one (If-Match). */
export function ProjectFormModal({ project, country, onClose, onSaved }: { project: CommunityProjectView | null; country: string; onClose: () => void; onSaved: (p: CommunityProjectView) => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const providers = useUsableProviders();
  const avrr = useAvrrProjects();
  const read = (v: { budget: string; currency: string }) => readAmount(intl, v.budget, v.currency, { required: true });
  const state = useSchemaForm({
    schema: communityProjectBody,
    initialValues: {
      title: project?.title ?? '',
      countryCode: project?.countryCode ?? country,
      place: project?.place ?? '',
      projectId: project?.projectId ?? '',
      budget: project ? toDecimalString(project.budgetMinor, project.currency) : '',
      currency: project?.currency ?? 'USD',
      providers: (project?.partners ?? []).flatMap((p) => (p.providerId ? [p.providerId] : [])),
      otherPartners: (project?.partners ?? []).flatMap((p) => (p.providerId ? [] : [p.name])).join('\n'),
      startsOn: project?.startsOn ?? '',
      endsOn: project?.endsOn ?? '',
      beneficiaries: Object.fromEntries(BENEFICIARY_FIELDS.map((f) => [f, String(project?.beneficiaries[f] ?? 0)])) as Record<string, string>,
    },
    check: (v) => ({ budget: read(v).error }),
    toBody: ({ budget, providers: chosen, otherPartners, beneficiaries, projectId, ...v }) => ({
      ...withoutBlanks(v),
      projectId: projectId || null,
      budgetMinor: read({ budget, currency: v.currency }).amountMinor,
      partners: [
        ...chosen.map((providerId) => ({ providerId })),
        ...otherPartners.split('\n').map((s) => s.trim()).filter(Boolean).map((name) => ({ name })),
      ],
      beneficiaries: Object.fromEntries(BENEFICIARY_FIELDS.map((f) => [f, beneficiaries[f]?.trim() === '' ? Number.NaN : Number(beneficiaries[f])])),
    }),
    submit: (body) => saveCommunityProject(project, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: communityKeys.all });
      notifications.show({ color: 'green', closeButtonProps: { 'aria-label': intl.formatMessage({ id: 'common.close' }) }, message: t(project ? 'community.form.updated' : 'community.form.created') });
      onSaved(saved);
      onClose();
    },
  });
  // The office's country may arrive after the form opened (the offices are still loading): fill it in unless chosen already.
  const { form } = state;
  useEffect(() => {
    if (!project && country && !form.values.countryCode) form.setFieldValue('countryCode', country);
  }, [project, country, form]);
  const chosen = state.form.getInputProps('providers');
  return (
    <AppModal opened onClose={onClose} title={t(project ? 'community.form.editTitle' : 'community.form.createTitle')} size="xl">
      <SchemaForm state={state} errorScope="community" submitLabel={project ? 'common.save' : 'community.form.create'} onCancel={onClose}>
        <TextField name="title" label="community.field.title" required maxLength={200} data-autofocus />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CountryField name="countryCode" label="community.field.country" required />
          <TextField name="place" label="community.field.place" required maxLength={200} />
          <NativeSelectField name="projectId" label="community.field.project" blank="community.form.noProject" data={(avrr.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))} />
          <DateField name="startsOn" label="community.field.startsOn" required />
          <DateField name="endsOn" label="community.field.endsOn" required />
          <MoneyField name="budget" label="community.field.budget" currency={String(state.form.values.currency)} required />
          <SelectField name="currency" label="community.field.currency" data={CURRENCY_OPTIONS} searchable required />
        </SimpleGrid>
        <MultiSelect
          {...chosen}
          data-path="providers"
          label={t('community.field.providerPartners')}
          data={(providers.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <TextareaField name="otherPartners" label="community.field.otherPartners" hint="community.form.otherPartnersHint" maxLength={5000} />
        <fieldset className="plain-fieldset">
          <legend>
            <Title order={3} size="h5">{t('community.field.beneficiaries')}</Title>
          </legend>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {BENEFICIARY_FIELDS.map((f) => (
              <TextField key={f} name={`beneficiaries.${f}`} label={`community.beneficiaries.${f}`} type="number" min={0} step={1} inputMode="numeric" required />
            ))}
          </SimpleGrid>
        </fieldset>
      </SchemaForm>
    </AppModal>
  );
}
