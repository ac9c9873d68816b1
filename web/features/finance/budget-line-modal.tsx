import { Group, MultiSelect } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useIntl } from 'react-intl';
import { toDecimalString } from '../../../shared/money';
import { COMPONENT_TYPES } from '../../../shared/reintegration';
import { budgetLineBody, type BudgetLineView } from '../../../shared/schemas/finance';
import { AppModal } from '../../components/app-modal';
import { MoneyField, NativeSelectField, SchemaForm, SelectField, TextField } from '../../components/form/schema-form';
import { withoutBlanks } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { readAmount } from '../../components/money-input';
import { saveBudgetLine, useFinanceChanged } from './api';
import { CURRENCY_OPTIONS } from '../../components/currency-options';

interface Props {
  project: { id: string; currency: string; donors: string[] };
  /** The line to edit; null adds one. */
  line: BudgetLineView | null;
  onClose: () => void;
}

/** Adds a budget line to a project, or edits one: code, name, component types, donor, amount and currency. */
export function BudgetLineModal({ project, line, onClose }: Props) {
  const intl = useIntl();
  const changed = useFinanceChanged();
  const read = (values: { amount: string; currency: string }) => readAmount(intl, values.amount, values.currency, { required: true });
  const state = useSchemaForm({
    schema: budgetLineBody,
    initialValues: {
      code: line?.code ?? '',
      name: line?.name ?? '',
      componentTypes: (line?.componentTypes ?? []) as string[],
      donor: line?.donor ?? project.donors[0] ?? '',
      amount: line ? toDecimalString(line.amountMinor, line.currency) : '',
      currency: line?.currency ?? project.currency,
    },
    check: (values) => ({ amount: read(values).error }),
    toBody: ({ amount, ...values }) => withoutBlanks({ ...values, amountMinor: read({ amount, currency: values.currency }).amountMinor }),
    submit: (body) => saveBudgetLine(project.id, line, body),
    onSuccess: async () => {
      await changed.budget(project.id);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'finance.budget.saved' }) });
      onClose();
    },
  });
  const types = state.form.getInputProps('componentTypes');
  return (
    <AppModal opened onClose={onClose} title={intl.formatMessage({ id: line ? 'finance.budget.editTitle' : 'finance.budget.addTitle' })}>
      <SchemaForm state={state} errorScope="finance" submitLabel="common.save" onCancel={onClose}>
        <Group grow align="flex-start">
          <TextField name="code" label="finance.budget.code" maxLength={40} dir="ltr" required />
          <TextField name="name" label="finance.budget.name" maxLength={200} required />
        </Group>
        <MultiSelect
          {...types}
          data-path="componentTypes"
          label={intl.formatMessage({ id: 'finance.budget.componentTypes' })}
          data={COMPONENT_TYPES.map((value) => ({ value, label: intl.formatMessage({ id: `reintegration.componentType.${value}` }) }))}
          searchable
          withAsterisk
        />
        <NativeSelectField
          name="donor"
          label="finance.budget.donor"
          hint={project.donors.length ? undefined : 'finance.budget.noDonors'}
          data={project.donors.map((d) => ({ value: d, label: d }))}
          required
        />
        <Group grow align="flex-start">
          <MoneyField name="amount" label="finance.budget.amount" currency={state.form.values.currency} required />
          <SelectField name="currency" label="finance.budget.currency" data={CURRENCY_OPTIONS} searchable required />
        </Group>
      </SchemaForm>
    </AppModal>
  );
}
