import { exponentOf } from '../../../shared/money.js';

/**
 * Exact decimal arithmetic for exchange rates, with bigints: a rate is a decimal string (as
 * PostgreSQL `numeric` hands it), an amount integer minor units. Nothing passes through a
 * floating-point number.
 *
 * Rounding rule: half to even (banker's rounding) at the target currency's minor unit, so that
 * many conversions do not drift upward; a cross rate through USD is rounded the same way to
 * `CROSS_RATE_SCALE` decimal places.
 */

/** Decimal places of a rate computed through USD (rate to USD of `to` / rate to USD of `from`). */
export const CROSS_RATE_SCALE = 18;

/** Longest rate string accepted: 20 digits before the point, 18 after. */
export const RATE_PATTERN = /^(\d{1,20})(?:\.(\d{1,18}))?$/;

/** A positive decimal string as digits and scale (value = digits / 10^scale); null when not one. */
export function parseRate(text: string): { digits: bigint; scale: number } | null {
  const m = RATE_PATTERN.exec(text.trim());
  if (!m) return null;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  const digits = BigInt(m[1]! + fraction);
  if (digits === 0n) return null;
  return { digits, scale: fraction.length };
}

/** The canonical text of a rate: no leading zeros, no trailing zeros after the point ("1310.5"). */
export function normaliseRate(text: string): string {
  const r = parseRate(text);
  if (!r) throw new RangeError('a rate is a positive decimal string');
  return decimalText(r.digits, r.scale);
}

function decimalText(digits: bigint, scale: number): string {
  const s = digits.toString().padStart(scale + 1, '0');
  if (scale === 0) return s;
  const whole = s.slice(0, -scale);
  const fraction = s.slice(-scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** numerator / denominator rounded half to even to an integer (denominator > 0). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  let q = abs / denominator;
  const twice = (abs % denominator) * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** a / b for two rates, rounded half to even to `scale` decimals (the rate from one currency to another through USD). */
export function divideRates(a: string, b: string, scale = CROSS_RATE_SCALE): string {
  const x = parseRate(a);
  const y = parseRate(b);
  if (!x || !y) throw new RangeError('a rate is a positive decimal string');
  // (x.digits / 10^x.scale) / (y.digits / 10^y.scale) * 10^scale
  const q = divideHalfEven(x.digits * 10n ** BigInt(y.scale + scale), y.digits * 10n ** BigInt(x.scale));
  if (q === 0n) throw new RangeError('the rate is too small to express');
  return decimalText(q, scale);
}

/** 1 / rate, rounded half to even to `scale` decimals. */
export const invertRate = (rate: string, scale = CROSS_RATE_SCALE) => divideRates('1', rate, scale);

/**
 * An amount in minor units of `fromCurrency` converted at `rate` (units of `toCurrency` per one
 * unit of `fromCurrency`) to minor units of `toCurrency`, with the ISO 4217 exponents of both
 * (JPY 0, EUR 2, IQD and KWD 3), rounded half to even at the target's minor unit.
 */
export function convertMinor(amountMinor: number | bigint, fromCurrency: string, toCurrency: string, rate: string): number {
  const fromExp = exponentOf(fromCurrency);
  const toExp = exponentOf(toCurrency);
  if (fromExp === undefined) throw new RangeError(`unknown currency ${fromCurrency}`);
  if (toExp === undefined) throw new RangeError(`unknown currency ${toCurrency}`);
  if (typeof amountMinor === 'number' && !Number.isSafeInteger(amountMinor)) throw new RangeError('an amount in minor units is a safe integer');
  const r = parseRate(rate);
  if (!r) throw new RangeError('a rate is a positive decimal string');
  // amountMinor / 10^fromExp * digits / 10^scale * 10^toExp
  const q = divideHalfEven(BigInt(amountMinor) * r.digits * 10n ** BigInt(toExp), 10n ** BigInt(fromExp + r.scale));
  if (q > BigInt(Number.MAX_SAFE_INTEGER) || q < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return Number(q);
}
