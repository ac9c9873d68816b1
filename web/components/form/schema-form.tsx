import {
  Button, Checkbox, Group, NativeSelect, Select, Stack, TextInput, Textarea,
  type CheckboxProps, type NativeSelectProps, type SelectProps, type TextInputProps, type TextareaProps,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { createContext, useContext, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../api-error-alert';
import { CountrySelect } from '../country-select';
import { DateField as DayField, type DateFieldProps as DayFieldProps } from '../date-field';
import { MoneyInput } from '../money-input';
import type { SchemaForm as SchemaFormState } from './use-schema-form';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm = UseFormReturnType<any>;
const FormContext = createContext<AnyForm | null>(null);

function useBoundForm(): AnyForm {
  const form = useContext(FormContext);
  if (!form) throw new Error('A form field must be inside <SchemaForm>.');
  return form;
}

interface SchemaFormProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  state: SchemaFormState<any, any, any>;
  /** Catalogue scope of the capability's own refusals (see ApiErrorAlert). */
  errorScope?: string;
  /** Catalogue id of the submit button; none when the form draws its own buttons. */
  submitLabel?: string;
  submitColor?: string;
  onCancel?: () => void;
  /** Offered on a 412 (the record changed meanwhile). */
  onReload?: () => void;
  children: ReactNode;
}

/**
 * The `<form>` of a `useSchemaForm`: the refusal announced at the top, the fields, and the
 * Cancel / submit buttons at the end.
 */
export function SchemaForm({ state, errorScope, submitLabel, submitColor, onCancel, onReload, children }: SchemaFormProps) {
  return (
    <FormContext.Provider value={state.form}>
      <form onSubmit={state.onSubmit} noValidate>
        <Stack gap="sm">
          <div aria-live="assertive">
            {state.mutation.error ? (
              <ApiErrorAlert error={state.mutation.error} scope={errorScope} onReload={onReload} hideFieldIssues={state.fieldErrorsShown} />
            ) : null}
          </div>
          {children}
          {submitLabel && (
            <Group justify="flex-end">
              {onCancel && (
                <Button variant="default" onClick={onCancel}>
                  <FormattedMessage id="common.cancel" />
                </Button>
              )}
              <Button type="submit" color={submitColor} loading={state.mutation.isPending}>
                <FormattedMessage id={submitLabel} />
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </FormContext.Provider>
  );
}

interface FieldBase {
  /** The value's dotted path in the form (`notes`, `legs.0.carrier`). */
  name: string;
  /** Catalogue id of the label; every control has one. */
  label: string;
  labelValues?: Record<string, string | number>;
  /** Catalogue id of a hint under the label. */
  hint?: string;
  required?: boolean;
}

/** Label, hint, required mark, the field's error (Mantine links it with aria-describedby). */
function useFieldProps({ name, label, labelValues, hint, required }: FieldBase) {
  const intl = useIntl();
  const form = useBoundForm();
  return {
    form,
    props: {
      ...form.getInputProps(name),
      'data-path': name,
      label: intl.formatMessage({ id: label }, labelValues),
      description: hint ? intl.formatMessage({ id: hint }) : undefined,
      withAsterisk: required,
      'aria-required': required || undefined,
    },
  };
}

export function TextField({ name, label, labelValues, hint, required, ...rest }: FieldBase & Omit<TextInputProps, 'label' | 'name'>) {
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  return <TextInput {...props} {...rest} />;
}

/** A day in the user's language (`components/date-field.tsx`), held in the form as `YYYY-MM-DD`. */
export function DateField({
  name, label, labelValues, hint, required, ...rest
}: FieldBase & Omit<DayFieldProps, 'label' | 'name' | 'value' | 'onChange'>) {
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  const { value, onChange, ...bound } = props;
  return <DayField {...bound} {...rest} value={typeof value === 'string' ? value : ''} onChange={(day) => onChange(day)} />;
}

export function TextareaField({ name, label, labelValues, hint, required, ...rest }: FieldBase & Omit<TextareaProps, 'label' | 'name'>) {
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  return <Textarea autosize minRows={2} {...props} {...rest} />;
}

export function CheckboxField({ name, label, labelValues, hint, ...rest }: Omit<FieldBase, 'required'> & Omit<CheckboxProps, 'label' | 'name'>) {
  const intl = useIntl();
  const form = useBoundForm();
  return (
    <Checkbox
      {...form.getInputProps(name, { type: 'checkbox' })}
      data-path={name}
      label={intl.formatMessage({ id: label }, labelValues)}
      description={hint ? intl.formatMessage({ id: hint }) : undefined}
      {...rest}
    />
  );
}

/** One of a closed list (a schema's enum): each option's label is `<optionPrefix>.<value>`. */
export function EnumSelectField({
  name, label, labelValues, hint, required, options, optionPrefix, ...rest
}: FieldBase & { options: readonly string[]; optionPrefix: string } & Omit<SelectProps, 'label' | 'name' | 'data'>) {
  const intl = useIntl();
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  const data = options.map((value) => ({ value, label: intl.formatMessage({ id: `${optionPrefix}.${value}` }) }));
  return <Select data={data} allowDeselect={!required} {...props} {...rest} />;
}

/**
 * A closed list as the browser's own select (short lists, and where a keyboard user types the
 * first letter): options from `data`, or from an enum labelled `<optionPrefix>.<value>`, with a
 * leading blank choice (`blank`, a catalogue id) when the field is optional.
 */
export function NativeSelectField({
  name, label, labelValues, hint, required, data, options, optionPrefix, blank, ...rest
}: FieldBase & {
  data?: { value: string; label: string }[];
  options?: readonly string[];
  optionPrefix?: string;
  blank?: string;
} & Omit<NativeSelectProps, 'label' | 'name' | 'data'>) {
  const intl = useIntl();
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  const list = [
    ...(blank ? [{ value: '', label: intl.formatMessage({ id: blank }) }] : []),
    ...(data ?? (options ?? []).map((value) => ({ value, label: intl.formatMessage({ id: `${optionPrefix}.${value}` }) }))),
  ];
  return <NativeSelect data={list} {...props} {...rest} />;
}

export function SelectField({ name, label, labelValues, hint, required, ...rest }: FieldBase & Omit<SelectProps, 'label' | 'name'>) {
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  return <Select allowDeselect={!required} {...props} {...rest} />;
}

export function CountryField({ name, label, labelValues, hint, required, ...rest }: FieldBase & { placeholder?: string }) {
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  return <CountrySelect {...props} value={props.value as string | null | undefined} {...rest} />;
}

/** An amount as typed, in the currency's minor units once read with `readAmount`. */
export function MoneyField({ name, label, labelValues, hint, required, currency }: FieldBase & { currency: string }) {
  const { props } = useFieldProps({ name, label, labelValues, hint, required });
  return <MoneyInput {...props} value={String(props.value ?? '')} currency={currency} />;
}
