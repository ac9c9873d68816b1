import { describe, expect, it } from 'vitest';
import { convertMinor, divideHalfEven, divideRates, invertRate, normaliseRate, parseRate } from './conversion.js';

describe('convertMinor', () => {
  it('converts with each currency’s ISO exponent', () => {
    // 100.00 EUR at 161.25 JPY per EUR = 16125 JPY (0 decimals)
    expect(convertMinor(10000, 'EUR', 'JPY', '161.25')).toBe(16125);
    // 1,000 JPY at 0.0062 EUR per JPY = 6.20 EUR
    expect(convertMinor(1000, 'JPY', 'EUR', '0.0062')).toBe(620);
    // 250.00 USD at 1310.5 IQD per USD = 327,625.000 IQD (3 decimals)
    expect(convertMinor(25000, 'USD', 'IQD', '1310.5')).toBe(327625000);
    // 1.000 KWD at 3.2543 USD per KWD = 3.25 USD (3.2543 rounds to 3.25)
    expect(convertMinor(1000, 'KWD', 'USD', '3.2543')).toBe(325);
    // 10.00 EUR at 0.3321 KWD per EUR = 3.321 KWD
    expect(convertMinor(1000, 'EUR', 'KWD', '0.3321')).toBe(3321);
    // 1,000.000 IQD at 0.000702 EUR per IQD = 0.70 EUR (0.702)
    expect(convertMinor(1000000, 'IQD', 'EUR', '0.000702')).toBe(70);
  });

  it('rounds half to even at the target’s minor unit', () => {
    // 0.125 -> 0.12, 0.135 -> 0.14, 0.1251 -> 0.13
    expect(convertMinor(125, 'KWD', 'EUR', '1')).toBe(12);
    expect(convertMinor(135, 'KWD', 'EUR', '1')).toBe(14);
    expect(convertMinor(1251, 'IQD', 'EUR', '0.1')).toBe(13);
    // 2.5 JPY -> 2, 3.5 JPY -> 4
    expect(convertMinor(250, 'EUR', 'JPY', '1')).toBe(2);
    expect(convertMinor(350, 'EUR', 'JPY', '1')).toBe(4);
    expect(convertMinor(-350, 'EUR', 'JPY', '1')).toBe(-4);
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
  });

  it('keeps every digit of large amounts and long rates (no floating point)', () => {
    // 90,071,992,547,409.91 USD at 1 = same; a float would lose the cents
    expect(convertMinor(9007199254740991, 'USD', 'EUR', '1')).toBe(9007199254740991);
    expect(convertMinor(123456789, 'EUR', 'USD', '1.123456789012345678')).toBe(138698368);
  });

  it('refuses bad rates and currencies without a minor unit', () => {
    expect(() => convertMinor(100, 'EUR', 'USD', '0')).toThrow(RangeError);
    expect(() => convertMinor(100, 'EUR', 'USD', '-1.2')).toThrow(RangeError);
    expect(() => convertMinor(100, 'EUR', 'USD', '1e3')).toThrow(RangeError);
    expect(() => convertMinor(100, 'EUR', 'XAU', '1')).toThrow(RangeError);
    expect(() => convertMinor(0.5, 'EUR', 'USD', '1')).toThrow(RangeError);
  });
});

describe('rates', () => {
  it('reads and normalises decimal strings', () => {
    expect(parseRate('1310.500')).toEqual({ digits: 13105n, scale: 1 });
    expect(parseRate('abc')).toBeNull();
    expect(normaliseRate('0001.2300')).toBe('1.23');
    expect(normaliseRate('1310.000')).toBe('1310');
  });

  it('divides rates exactly to 18 decimals, half to even', () => {
    // EUR -> IQD through USD: 1310 IQD per USD / 0.92 EUR per USD
    expect(divideRates('1310', '0.92')).toBe('1423.913043478260869565');
    expect(divideRates('0.92', '1310')).toBe('0.000702290076335878');
    expect(invertRate('4')).toBe('0.25');
    expect(divideRates('1', '3', 2)).toBe('0.33');
  });
});
