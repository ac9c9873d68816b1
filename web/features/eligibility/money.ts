import type { IntlShape } from 'react-intl';
import { exponentOf, parseAmount, toDecimalString } from '../../../shared/money';
import { formatAmount } from '../../components/money-input';

const digits = (currency: string) => exponentOf(currency) ?? 2;

/** An amount in minor units, shown in the currency (e.g. 150000 EUR → €1,500.00). */
export function formatMinor(intl: IntlShape, amountMinor: number | null | undefined, currency: string): string {
  return formatAmount(intl, amountMinor, currency);
}

/**
 * Major units from a number input to minor units by the ISO 4217 exponent (shared/money.ts);
 * null when empty or malformed. The inputs' decimal scale is the same exponent, so nothing is cut.
 */
export function toMinor(major: number | string | null | undefined, currency: string): number | null {
  if (major === '' || major === null || major === undefined) return null;
  const parsed = parseAmount(major, currency);
  return parsed.ok ? parsed.amountMinor : null;
}

/**
 * Minor units to major units for a number input's display (the shortest decimal of the exact
 * string; `toMinor` reads it back exactly). Never used to compute a stored value.
 */
export function toMajor(minor: number | null | undefined, currency: string): number | string {
  if (minor === null || minor === undefined) return '';
  return Number(toDecimalString(minor, currency));
}

export const decimalsOf = digits;
