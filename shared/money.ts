import { z } from 'zod';
import { currencyByCode, isCurrencyCode } from './reference/currencies.js';

/**
 * Money, the one way: integer minor units with an ISO 4217 code. The exponent of a currency is
 * ISO 4217's (IQD 3, JPY 0, USD 2), never the display digits of `Intl.NumberFormat` (CLDR), which
 * differ for seventeen currencies (IQD 0, AFN 0, IDR 0, ...) and once stored 50,000 IQD as 50.
 * Parsing and conversion work on decimal strings and bigints: a stored value never passes through
 * a floating-point number.
 */

/** Largest amount a form or an API body may carry, in minor units (a PostgreSQL bigint fits far more). */
export const MAX_AMOUNT_MINOR = Number.MAX_SAFE_INTEGER;

export interface Money {
  amountMinor: number;
  currency: string;
}

/**
 * The ISO 4217 exponent of an active or recently withdrawn currency; undefined for an unknown code
 * and for codes without a minor unit (XAU, XDR, XXX), which cannot carry an amount.
 */
export function exponentOf(currency: string): number | undefined {
  return currencyByCode(currency)?.minorUnits ?? undefined;
}

/** True for an active ISO 4217 code that has an exponent, i.e. one an amount can be recorded in. */
export function isMoneyCurrency(code: unknown): code is string {
  return isCurrencyCode(code) && exponentOf(code) !== undefined;
}

export type ParseAmountError = 'empty' | 'malformed' | 'too_precise' | 'negative' | 'too_large' | 'currency';

/**
 * A decimal amount as typed to minor units of the currency. `decimalSeparator` is the reader's
 * (',' in French and Spanish, '.' in English; Arabic-Indic digits and the Arabic decimal and group
 * marks are read too); the other mark, spaces and apostrophes are taken as group separators.
 * Refuses more decimals than the currency has (`too_precise`) instead of rounding them away:
 * nothing a user typed is dropped silently.
 */
export function parseAmount(
  input: string | number | null | undefined,
  currency: string,
  options: { allowNegative?: boolean; decimalSeparator?: '.' | ',' } = {},
): { ok: true; amountMinor: number } | { ok: false; error: ParseAmountError } {
  const exponent = exponentOf(currency);
  if (exponent === undefined) return { ok: false, error: 'currency' };
  if (input === null || input === undefined) return { ok: false, error: 'empty' };
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, error: 'malformed' };
    // A number input gives the shortest decimal that round-trips, which is what the user typed.
    text = decimalString(input);
  } else {
    const decimal = options.decimalSeparator ?? '.';
    const group = decimal === '.' ? ',' : '.';
    text = input
      .trim()
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/\u066b/g, decimal)
      .replace(/[\s\u00a0\u202f\u066c_']/g, '')
      .split(group)
      .join('')
      .replace(decimal, '.')
      .replace(/^\u2212/, '-');
  }
  if (text === '') return { ok: false, error: 'empty' };
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return { ok: false, error: 'malformed' };
  const negative = match[1] === '-';
  const whole = match[2] || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return { ok: false, error: 'too_precise' };
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt((fraction || '0').padEnd(exponent, '0') || '0');
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, error: 'too_large' };
  if (negative && minor !== 0n && !options.allowNegative) return { ok: false, error: 'negative' };
  return { ok: true, amountMinor: Number(negative ? -minor : minor) };
}

function decimalString(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // 1e-7 or 1e+21: expand without going through floating-point arithmetic again.
  const [mantissa, expText] = s.toLowerCase().split('e') as [string, string];
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const [int, frac = ''] = mantissa.replace('-', '').split('.') as [string, string?];
  const digits = int + frac;
  const point = int.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Minor units as an exact decimal string in major units: 50000000 IQD -> "50000.000". */
export function toDecimalString(amountMinor: number | bigint, currency: string): string {
  const exponent = exponentOf(currency) ?? 2;
  const v = BigInt(amountMinor);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const s = abs.toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? s : s.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${s.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * An amount for display in a locale, with the currency's ISO digits (50,000.000 IQD, not 50 IQD).
 * Formats the exact decimal string, so large amounts keep every digit.
 */
export function formatMoney(locale: string, amountMinor: number | bigint, currency: string, options: { currencyDisplay?: 'symbol' | 'code' | 'narrowSymbol' | 'name' } = {}): string {
  const exponent = exponentOf(currency) ?? 2;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay: options.currencyDisplay ?? 'symbol',
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(toDecimalString(amountMinor, currency) as unknown as number);
}

/** The sum of amounts in one currency; refuses to add across currencies. */
export function addMoney(...amounts: Money[]): Money {
  if (amounts.length === 0) throw new RangeError('addMoney needs at least one amount');
  const currency = amounts[0]!.currency;
  let total = 0n;
  for (const a of amounts) {
    if (a.currency !== currency) throw new RangeError(`cannot add ${a.currency} to ${currency}`);
    total += BigInt(a.amountMinor);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('sum out of range');
  return { amountMinor: Number(total), currency };
}

/**
 * Converts an amount at a rate given as a decimal string (units of `to` per one unit of `from`,
 * e.g. "1310.5" IQD per USD), rounding half away from zero to the target's minor unit. The rate
 * string is what gets stored with the payment it served; it is never recomputed.
 */
export function convertMoney(amount: Money, to: string, rate: string): Money {
  const fromExp = exponentOf(amount.currency);
  const toExp = exponentOf(to);
  if (fromExp === undefined || toExp === undefined) throw new RangeError('unknown currency');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new RangeError('a rate is a positive decimal string');
  const rateFraction = m[2] ?? '';
  const rateScaled = BigInt(m[1]! + rateFraction);
  if (rateScaled === 0n) throw new RangeError('a rate is a positive decimal string');
  // amountMinor / 10^fromExp * rate * 10^toExp, with rate = rateScaled / 10^len(rateFraction)
  const numerator = BigInt(amount.amountMinor) * rateScaled * 10n ** BigInt(toExp);
  const denominator = 10n ** BigInt(fromExp + rateFraction.length);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  if ((abs % denominator) * 2n >= denominator) q += 1n;
  if (q > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return { amountMinor: Number(negative ? -q : q), currency: to };
}

/** Zod: an ISO 4217 code that can carry an amount. */
export const currencySchema = z
  .string()
  .refine((c) => isMoneyCurrency(c), { message: 'An active ISO 4217 currency code with a minor unit, e.g. EUR' });

/**
 * Zod: an amount in minor units. Integer minor units always fit the precision of their currency;
 * the check that remains is that the currency has an exponent (XAU has none) and that the amount
 * is a safe integer within the bounds the caller sets.
 */
export const amountMinorSchema = (bounds: { min?: number; max?: number } = {}) =>
  z.number().int('An amount in minor units is a whole number').min(bounds.min ?? 0).max(bounds.max ?? MAX_AMOUNT_MINOR);
