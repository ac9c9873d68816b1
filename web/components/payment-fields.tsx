import { Group, Select, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DISBURSEMENT_METHODS } from '../../shared/schemas/payments';
import { CURRENCY_OPTIONS } from './currency-options';
import { DateField } from './date-field';
import { MoneyInput, readAmount } from './money-input';
import { todayIso } from '../lib/dates';

type Method = (typeof DISBURSEMENT_METHODS)[number];

/** What every payment form asks besides its recipient: amount and currency, method, day, reference and note. */
export function usePaymentDetails(initial: { amount?: string; currency: string | null }) {
  const intl = useIntl();
  const [amount, setAmount] = useState(initial.amount ?? '');
  const [currency, setCurrency] = useState<string | null>(initial.currency);
  const [method, setMethod] = useState<string | null>(null);
  const [paidOn, setPaidOn] = useState(todayIso());
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  /**
   * Checks the fields (with the recipient's own errors), shows what is wrong and answers the
   * part of the request body they make, or null when something is missing.
   */
  const check = (extra: Record<string, string | undefined> = {}) => {
    const required = intl.formatMessage({ id: 'payments.form.required' });
    const money = readAmount(intl, amount, currency ?? '', { required: true });
    const next: Record<string, string | undefined> = {
      amount: money.error,
      currency: currency ? undefined : required,
      method: method ? undefined : required,
      paidOn: paidOn ? undefined : required,
      ...extra,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) return null;
    return {
      method: method as Method, amountMinor: money.amountMinor!, currency: currency!, paidOn,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
  };
  return { amount, setAmount, currency, setCurrency, method, setMethod, paidOn, setPaidOn, reference, setReference, note, setNote, errors, check };
}
export type PaymentDetails = ReturnType<typeof usePaymentDetails>;

/** Amount and currency of a payment, with the note that another currency is converted into the one it counts in. */
export function PaymentAmountFields({ details: d, countsIn }: { details: PaymentDetails; countsIn: string }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <>
      <Group grow align="flex-start">
        <MoneyInput label={t('payments.record.amount')} value={d.amount} onChange={d.setAmount} currency={d.currency ?? ''} error={d.errors.amount} withAsterisk />
        <Select label={t('payments.record.currency')} data={CURRENCY_OPTIONS} value={d.currency} onChange={d.setCurrency} searchable allowDeselect={false}
          error={d.errors.currency} nothingFoundMessage={t('common.nothingFound')} withAsterisk />
      </Group>
      {d.currency && d.currency !== countsIn && <Text size="sm"><FormattedMessage id="payments.record.convertedHint" values={{ currency: countsIn }} /></Text>}
    </>
  );
}

/** Method, day, reference and note of a payment. */
export function PaymentDetailFields({ details: d }: { details: PaymentDetails }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  return (
    <>
      <Group grow align="flex-start">
        <Select label={t('payments.record.method')} data={DISBURSEMENT_METHODS.map((m) => ({ value: m, label: t(`payments.method.${m}`) }))} value={d.method} onChange={d.setMethod}
          error={d.errors.method} withAsterisk />
        <DateField label={t('payments.record.paidOn')} value={d.paidOn} max={todayIso()} onChange={d.setPaidOn} error={d.errors.paidOn} withAsterisk />
      </Group>
      <TextInput label={t('payments.record.reference')} value={d.reference} onChange={(e) => d.setReference(e.currentTarget.value)} maxLength={200} />
      <Textarea label={t('payments.record.note')} value={d.note} onChange={(e) => d.setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
    </>
  );
}
