import { describe, expect, it } from 'vitest';
import { addMoney, convertMoney, exponentOf, formatMoney, isMoneyCurrency, parseAmount, toDecimalString } from './money.js';

describe('shared money', () => {
  it('uses the ISO 4217 exponent, not the display digits of Intl', () => {
    expect(exponentOf('IQD')).toBe(3);
    expect(exponentOf('EUR')).toBe(2);
    expect(exponentOf('JPY')).toBe(0);
    expect(exponentOf('AFN')).toBe(2);
    expect(exponentOf('XAU')).toBeUndefined();
    expect(isMoneyCurrency('XAU')).toBe(false);
    expect(isMoneyCurrency('IQD')).toBe(true);
    expect(isMoneyCurrency('iqd')).toBe(false);
  });

  it('parses what people type into exact minor units', () => {
    expect(parseAmount('50000', 'IQD')).toEqual({ ok: true, amountMinor: 50_000_000 });
    expect(parseAmount('50,000', 'IQD')).toEqual({ ok: true, amountMinor: 50_000_000 });
    expect(parseAmount('50 000,5', 'IQD', { decimalSeparator: ',' })).toEqual({ ok: true, amountMinor: 50_000_500 });
    expect(parseAmount('1.234,56', 'EUR', { decimalSeparator: ',' })).toEqual({ ok: true, amountMinor: 123_456 });
    expect(parseAmount('٢٥٫٥', 'USD')).toEqual({ ok: true, amountMinor: 2550 });
    expect(parseAmount(19.99, 'EUR')).toEqual({ ok: true, amountMinor: 1999 });
    expect(parseAmount(1e21, 'EUR')).toEqual({ ok: false, error: 'too_large' });
    expect(parseAmount('12.345', 'EUR')).toEqual({ ok: false, error: 'too_precise' });
    expect(parseAmount('12.340', 'EUR')).toEqual({ ok: true, amountMinor: 1234 });
    expect(parseAmount('1.5', 'JPY')).toEqual({ ok: false, error: 'too_precise' });
    expect(parseAmount('abc', 'EUR')).toEqual({ ok: false, error: 'malformed' });
    expect(parseAmount('1.2.3', 'EUR')).toEqual({ ok: false, error: 'malformed' });
    expect(parseAmount('', 'EUR')).toEqual({ ok: false, error: 'empty' });
    expect(parseAmount('-5', 'EUR')).toEqual({ ok: false, error: 'negative' });
    expect(parseAmount('-5', 'EUR', { allowNegative: true })).toEqual({ ok: true, amountMinor: -500 });
    expect(parseAmount('5', 'XAU')).toEqual({ ok: false, error: 'currency' });
  });

  it('formats with the currency digits and keeps every digit of large amounts', () => {
    expect(toDecimalString(50_000_000, 'IQD')).toBe('50000.000');
    expect(toDecimalString(5, 'EUR')).toBe('0.05');
    expect(toDecimalString(-5, 'EUR')).toBe('-0.05');
    expect(toDecimalString(12, 'JPY')).toBe('12');
    expect(formatMoney('en', 50_000_000, 'IQD', { currencyDisplay: 'code' }).replace(/\s/g, ' ')).toBe('IQD 50,000.000');
    expect(formatMoney('en', 9_007_199_254_740_991n * 10n, 'EUR')).toBe('€900,719,925,474,099.10');
  });

  it('adds within one currency and converts at a stored decimal rate', () => {
    expect(addMoney({ amountMinor: 150, currency: 'EUR' }, { amountMinor: 250, currency: 'EUR' })).toEqual({ amountMinor: 400, currency: 'EUR' });
    expect(() => addMoney({ amountMinor: 1, currency: 'EUR' }, { amountMinor: 1, currency: 'USD' })).toThrow(RangeError);
    // 100.00 USD at 1310.5 IQD per USD = 131,050.000 IQD
    expect(convertMoney({ amountMinor: 10_000, currency: 'USD' }, 'IQD', '1310.5')).toEqual({ amountMinor: 131_050_000, currency: 'IQD' });
    // 1.00 EUR at 0.855 GBP = 0.855 -> 0.86 (half away from zero)
    expect(convertMoney({ amountMinor: 100, currency: 'EUR' }, 'GBP', '0.855')).toEqual({ amountMinor: 86, currency: 'GBP' });
    expect(() => convertMoney({ amountMinor: 100, currency: 'EUR' }, 'GBP', '-1')).toThrow(RangeError);
  });
});
