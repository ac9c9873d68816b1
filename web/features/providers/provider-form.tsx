import { MultiSelect, SimpleGrid, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { AppModal } from '../../components/app-modal';
import { CountryField, NativeSelectField, SchemaForm, TextField, TextareaField } from '../../components/form/schema-form';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { COMPONENT_TYPES, PAYMENT_METHODS, PROVIDER_KINDS, providerBody, providerKeys, saveProvider, type Provider } from './api';

interface Values extends Record<string, unknown> {
  name: string;
  kind: string;
  countryCode: string;
  place: string;
  contactPerson: string;
  phone: string;
  email: string;
  services: string[];
  servicesNote: string;
  payment: { method: string; accountName: string; institution: string; accountNumber: string; branch: string };
}

const valuesOf = (p: Provider | null, country: string): Values => ({
  name: p?.name ?? '',
  kind: p?.kind ?? '',
  countryCode: p?.countryCode ?? country,
  place: p?.place ?? '',
  contactPerson: p?.contactPerson ?? '',
  phone: p?.phone ?? '',
  email: p?.email ?? '',
  services: p?.services ?? [],
  servicesNote: p?.servicesNote ?? '',
  // The stored details are never sent to the browser: an edit replaces them only when a method is chosen.
  payment: { method: '', accountName: '', institution: '', accountNumber: '', branch: '' },
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

/**
 * The body as the server takes it: blanks cleared (null), payment details only when a method is
 * chosen (on an edit, none chosen keeps the recorded ones).
 */
const toBody = (editing: boolean) => (v: Values) => ({
  name: v.name, kind: v.kind || undefined, countryCode: v.countryCode || undefined, place: v.place,
  contactPerson: orNull(v.contactPerson), phone: orNull(v.phone), email: orNull(v.email), services: v.services, servicesNote: orNull(v.servicesNote),
  ...(v.payment.method
    ? { payment: { method: v.payment.method, accountName: v.payment.accountName, institution: v.payment.institution, accountNumber: v.payment.accountNumber, branch: orNull(v.payment.branch) } }
    : editing ? {} : { payment: null }),
});

/** Registers a provider in the user's office's registry, or edits one (If-Match). */
export function ProviderFormModal({ provider, country, onClose, onSaved }: { provider: Provider | null; country: string; onClose: () => void; onSaved: (p: Provider) => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const state = useSchemaForm({
    schema: providerBody,
    initialValues: valuesOf(provider, country),
    toBody: toBody(!!provider),
    submit: (body) => saveProvider(provider, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: providerKeys.all });
      notifications.show({ color: 'green', message: t(provider ? 'providers.form.updated' : 'providers.form.created') });
      onSaved(saved);
      onClose();
    },
  });
  const services = state.form.getInputProps('services');
  return (
    <AppModal opened onClose={onClose} title={t(provider ? 'providers.form.editTitle' : 'providers.form.createTitle')} size="xl">
      <SchemaForm state={state} errorScope="providers" submitLabel={provider ? 'common.save' : 'providers.form.create'} onCancel={onClose}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField name="name" label="providers.field.name" required maxLength={200} data-autofocus />
          <NativeSelectField name="kind" label="providers.field.kind" required options={PROVIDER_KINDS} optionPrefix="providers.kind" blank="providers.form.chooseKind" />
          <CountryField name="countryCode" label="providers.field.country" required />
          <TextField name="place" label="providers.field.place" required maxLength={200} />
          <TextField name="contactPerson" label="providers.field.contactPerson" maxLength={200} />
          <TextField name="phone" label="providers.field.phone" maxLength={40} type="tel" className="ltr-value" />
          <TextField name="email" label="providers.field.email" maxLength={254} type="email" />
        </SimpleGrid>
        <MultiSelect
          {...services}
          data-path="services"
          label={t('providers.field.services')}
          description={t('providers.form.servicesHint')}
          data={COMPONENT_TYPES.map((c) => ({ value: c, label: t(`reintegration.componentType.${c}`) }))}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
        <TextareaField name="servicesNote" label="providers.field.servicesNote" maxLength={2000} />
        <fieldset className="plain-fieldset">
          <legend>
            <Title order={3} size="h5">{t('providers.field.payment')}</Title>
          </legend>
          <Text size="sm" c="dimmed" mb="xs">{t(provider ? 'providers.form.paymentKeep' : 'providers.form.paymentHint')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelectField name="payment.method" label="providers.field.paymentMethod" options={PAYMENT_METHODS} optionPrefix="providers.paymentMethod" blank="providers.form.noPayment" />
            <TextField name="payment.accountName" label="providers.field.accountName" maxLength={200} autoComplete="off" />
            <TextField name="payment.institution" label="providers.field.institution" maxLength={200} autoComplete="off" />
            <TextField name="payment.accountNumber" label="providers.field.accountNumber" hint="providers.form.accountNumberHint" maxLength={64} autoComplete="off" className="ltr-value" />
            <TextField name="payment.branch" label="providers.field.branch" maxLength={200} autoComplete="off" />
          </SimpleGrid>
        </fieldset>
      </SchemaForm>
    </AppModal>
  );
}
