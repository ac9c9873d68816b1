import { Group, MultiSelect } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { COMPONENT_TYPES } from '../../../shared/reintegration';
import { componentBody } from '../../../shared/schemas/reintegration';
import { AppModal } from '../../components/app-modal';
import { DateField } from '../../components/date-field';
import { EnumSelectField, MoneyField, SchemaForm, SelectField, TextField, TextareaField } from '../../components/form/schema-form';
import { withoutBlanks } from '../../components/form/schema-issues';
import { useSchemaForm } from '../../components/form/use-schema-form';
import { formatAmount, readAmount } from '../../components/money-input';
import { toDecimalString } from '../../../shared/money';
import { fullName, useCaseAttachments } from '../cases';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { planRequests, usePlanAction, usePlanBudgetLines, useProviderOptions, type PlanComponent, type PlanWithEtag } from './api';

interface Values extends Record<string, unknown> {
  type: string;
  description: string;
  memberIds: string[];
  amount: string;
  currency: string;
  startsOn: string;
  endsOn: string;
  businessPlanAttachmentId: string;
  income: string;
  incomeCurrency: string;
  employer: string;
  providerId: string;
  budgetLineId: string;
}

/** Adds a component to the draft, or changes one: type, whom it serves, amount and currency, dates, and what its type needs. */
export function ComponentModal({ record, current, component, onClose }: { record: CaseRecord; current: PlanWithEtag; component: PlanComponent | null; onClose: () => void }) {
  const intl = useIntl();
  const attachments = useCaseAttachments(record.id);
  const add = usePlanAction(record.id, planRequests.add(record.id));
  const update = usePlanAction(record.id, planRequests.update(record.id));
  const upper = (v: string) => v.trim().toUpperCase();
  const read = (text: string, currency: string, required: boolean) => readAmount(intl, text, upper(currency), { required });
  const state = useSchemaForm({
    schema: componentBody,
    initialValues: {
      type: component?.type ?? 'cash_allowance',
      description: component?.description ?? '',
      memberIds: component?.members.map((m) => m.id) ?? [],
      amount: component ? toDecimalString(component.amountMinor, component.currency) : '',
      currency: component?.currency ?? 'EUR',
      startsOn: component?.startsOn ?? '',
      endsOn: component?.endsOn ?? '',
      businessPlanAttachmentId: component?.businessPlan?.id ?? '',
      income: component?.expectedMonthlyIncome ? toDecimalString(component.expectedMonthlyIncome.amountMinor, component.expectedMonthlyIncome.currency) : '',
      incomeCurrency: component?.expectedMonthlyIncome?.currency ?? '',
      employer: component?.employer ?? '',
      providerId: component?.provider?.id ?? '',
      budgetLineId: component?.budgetLine?.id ?? '',
    } as Values,
    check: (v) => ({
      amount: read(v.amount, v.currency, true).error,
      income: v.type === 'business_setup' && v.income.trim() ? read(v.income, v.incomeCurrency, false).error : undefined,
    }),
    toBody: ({ amount, income, incomeCurrency, ...v }) => withoutBlanks({
      ...v,
      currency: upper(v.currency),
      amountMinor: read(amount, v.currency, true).amountMinor,
      ...(v.type === 'business_setup' && income.trim()
        ? { expectedMonthlyIncomeMinor: read(income, incomeCurrency, false).amountMinor, expectedMonthlyIncomeCurrency: upper(incomeCurrency) }
        : {}),
    }),
    submit: (body) => (component
      ? update.mutateAsync({ input: { id: component.id, body }, etag: current.etag })
      : add.mutateAsync({ input: body, etag: current.etag })),
    onSuccess: onClose,
  });
  const { form } = state;
  const v = form.values;
  const date = (name: 'startsOn' | 'endsOn', label: string) => {
    const props = form.getInputProps(name);
    return (
      <DateField
        label={intl.formatMessage({ id: label })}
        value={String(props.value ?? '')}
        onChange={(day) => form.setFieldValue(name, day)}
        error={props.error as string | undefined}
        data-path={name}
        withAsterisk
      />
    );
  };
  const [providerSearch, setProviderSearch] = useState('');
  const providers = useProviderOptions(providerSearch);
  const lines = usePlanBudgetLines(record.id);
  const providerOptions = [
    ...(component?.provider ? [{ value: component.provider.id, label: component.provider.name }] : []),
    ...(providers.data?.items ?? []).filter((p) => p.id !== component?.provider?.id).map((p) => ({ value: p.id, label: p.name })),
  ];
  const lineOptions = (lines.data?.lines ?? [])
    .filter((l) => l.componentTypes.includes(v.type) || l.id === v.budgetLineId)
    .map((l) => ({
      value: l.id,
      label: intl.formatMessage({ id: 'reintegration.component.budgetLineOption' }, { code: l.code, name: l.name, remaining: formatAmount(intl, l.remainingMinor, l.currency) }),
    }));
  const members = record.members.map((m) => ({ value: m.person.id, label: fullName(m.person) }));
  return (
    <AppModal opened onClose={onClose} title={intl.formatMessage({ id: component ? 'reintegration.component.edit' : 'reintegration.component.add' })}>
      <SchemaForm state={state} errorScope="reintegration" submitLabel="common.save" onCancel={onClose}>
        <EnumSelectField name="type" label="reintegration.component.type" options={COMPONENT_TYPES} optionPrefix="reintegration.componentType" allowDeselect={false} required />
        <TextareaField name="description" label="reintegration.component.description" required />
        <MultiSelect
          {...form.getInputProps('memberIds')}
          data-path="memberIds"
          data={members}
          label={intl.formatMessage({ id: 'reintegration.component.members' })}
          description={v.type === 'education' ? intl.formatMessage({ id: 'reintegration.component.childHint' }) : undefined}
          withAsterisk
        />
        <Group grow align="flex-start">
          <MoneyField name="amount" label="reintegration.component.amount" currency={upper(v.currency)} required />
          <TextField name="currency" label="reintegration.component.currency" maxLength={3} onChange={(e) => form.setFieldValue('currency', e.currentTarget.value.toUpperCase())} withAsterisk />
        </Group>
        <Group grow align="flex-start">
          {date('startsOn', 'reintegration.component.startsOn')}
          {date('endsOn', 'reintegration.component.endsOn')}
        </Group>
        <SelectField
          name="providerId"
          label="reintegration.component.provider"
          hint="reintegration.component.providerHint"
          data={providerOptions}
          searchable
          onSearchChange={setProviderSearch}
          nothingFoundMessage={intl.formatMessage({ id: 'common.nothingFound' })}
          clearable
        />
        <SelectField
          name="budgetLineId"
          label="reintegration.component.budgetLine"
          hint="reintegration.component.budgetLineHint"
          data={lineOptions}
          searchable
          nothingFoundMessage={intl.formatMessage({ id: 'reintegration.component.noBudgetLines' })}
          clearable
        />
        {v.type === 'business_setup' && (
          <>
            <SelectField
              name="businessPlanAttachmentId"
              label="reintegration.component.businessPlan"
              hint="reintegration.component.attachmentHint"
              data={(attachments.data ?? []).map((a) => ({ value: a.id, label: a.fileName }))}
              clearable
            />
            <Group grow align="flex-start">
              <MoneyField name="income" label="reintegration.component.income" currency={upper(v.incomeCurrency)} />
              <TextField name="incomeCurrency" label="reintegration.component.incomeCurrency" maxLength={3} onChange={(e) => form.setFieldValue('incomeCurrency', e.currentTarget.value.toUpperCase())} />
            </Group>
          </>
        )}
        {v.type === 'job_placement' && <TextField name="employer" label="reintegration.component.employer" required />}
      </SchemaForm>
    </AppModal>
  );
}
