import { TextInput, type TextInputProps } from '@mantine/core';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import { exponentOf, formatMoney, isMoneyCurrency, parseAmount } from '../../shared/money';

/**
 * The amount of a money field as typed, checked against the ISO 4217 exponent of its currency
 * (shared/money.ts): the minor units to send, or the message to show. Empty gives `null` minor
 * units and no error unless the amount is required.
 */
export function readAmount(
  intl: IntlShape,
  text: string,
  currency: string,
  options: { required?: boolean } = {},
): { amountMinor: number | null; error?: string } {
  if (!isMoneyCurrency(currency)) return { amountMinor: null, error: intl.formatMessage({ id: 'money.error.currency' }) };
  if (text.trim() === '') return options.required ? { amountMinor: null, error: intl.formatMessage({ id: 'money.error.empty' }) } : { amountMinor: null };
  const parsed = parseAmount(text, currency, { decimalSeparator: decimalSeparatorOf(intl.locale) });
  if (parsed.ok) return { amountMinor: parsed.amountMinor };
  const digits = exponentOf(currency) ?? 0;
  const example = intl.formatNumber(25.5, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
  return { amountMinor: null, error: intl.formatMessage({ id: `money.error.${parsed.error}` }, { currency, digits, example }) };
}

/** The decimal mark of a language (',' in French and Spanish); the Arabic mark reads as '.'. */
export function decimalSeparatorOf(locale: string): '.' | ',' {
  const mark = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
  return mark === ',' ? ',' : '.';
}

/** An amount for display with its currency's ISO digits, in the reader's language. */
export function formatAmount(intl: IntlShape, amountMinor: number | null | undefined, currency: string | null | undefined): string {
  if (amountMinor === null || amountMinor === undefined || !currency) return '—';
  if (exponentOf(currency) === undefined) return `${amountMinor} ${currency}`;
  return formatMoney(intl.locale, amountMinor, currency);
}

type MoneyInputProps = Omit<TextInputProps, 'value' | 'onChange' | 'inputMode' | 'rightSection'> & {
  /** The amount as typed, in major units ("50000" or "25.50"). */
  value: string;
  onChange: (text: string) => void;
  /** ISO 4217 code; its exponent says how many decimals are allowed. */
  currency: string;
};

/**
 * A money amount typed in major units of its currency. Keeps the text as typed (never rounds it);
 * `readAmount` turns it into minor units on submit.
 */
export function MoneyInput({ value, onChange, currency, description, ...props }: MoneyInputProps) {
  const intl = useIntl();
  const digits = exponentOf(currency);
  return (
    <TextInput
      {...props}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      inputMode={digits === 0 ? 'numeric' : 'decimal'}
      dir="ltr"
      rightSection={<span aria-hidden="true">{currency}</span>}
      rightSectionWidth={48}
      description={description ?? (digits !== undefined ? intl.formatMessage({ id: 'money.hint' }, { currency, digits }) : undefined)}
    />
  );
}
