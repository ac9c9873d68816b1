import type { IntlShape } from 'react-intl';
import { minorUnits } from '../../../shared/reference/currencies';

const digits = (currency: string) => minorUnits(currency) ?? 2;

/** An amount in minor units, shown in the currency (e.g. 150000 EUR → €1,500.00). */
export function formatMinor(intl: IntlShape, amountMinor: number | null | undefined, currency: string): string {
  if (amountMinor === null || amountMinor === undefined) return '—';
  const d = digits(currency);
  return intl.formatNumber(amountMinor / 10 ** d, { style: 'currency', currency, minimumFractionDigits: d, maximumFractionDigits: d });
}

/** Major units as typed (a number input) to minor units; null when empty. */
export function toMinor(major: number | string | null | undefined, currency: string): number | null {
  if (major === '' || major === null || major === undefined) return null;
  const n = typeof major === 'number' ? major : Number(major);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 10 ** digits(currency));
}

export function toMajor(minor: number | null | undefined, currency: string): number | string {
  if (minor === null || minor === undefined) return '';
  return minor / 10 ** digits(currency);
}

export const decimalsOf = digits;
