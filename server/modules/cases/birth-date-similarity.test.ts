import { describe, expect, it } from 'vitest';
import {
  BIRTH_DATE_GRADES, birthDateDistanceScore, birthDateSimilarity, birthDateVariants, daysApart, isDayMonthSwap, isDigitTypo,
} from './birth-date-similarity.js';

const DAY = 86_400_000;
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** Every fifth day of a leap year and of a common year, the ends of their months and 29 February. */
const ENTERED = [...new Set([
  ...Array.from({ length: 366 }, (_, i) => shift('1992-01-01', i)).filter((d, i) => i % 5 === 0 || shift(d, 1).endsWith('-01')),
  ...Array.from({ length: 365 }, (_, i) => shift('2007-01-01', i)).filter((d, i) => i % 5 === 0 || shift(d, 1).endsWith('-01')),
  '1992-02-29',
])];
const patterned = (a: string, b: string) => isDayMonthSwap(a, b) || isDigitTypo(a, b) || a.slice(0, 4) === b.slice(0, 4);
/** 1 January, entered or recorded: only the year counts (tested on its own below). */
const january = (a: string, b: string) => a.endsWith('-01-01') || b.endsWith('-01-01');

describe('birth date similarity', () => {
  it.each([
    ['the same date', '1992-03-07', '1992-03-07', false, 1],
    ['one day off', '1992-03-07', '1992-03-08', false, 0.85],
    ['one day off across a month', '1992-02-29', '1992-03-01', false, 0.85],
    ['day and month swapped', '1992-03-07', '1992-07-03', false, 0.85],
    ['a digit of the year mistyped', '1992-03-07', '1982-03-07', false, 0.75],
    ['a digit of the month mistyped', '1992-03-07', '1992-08-07', false, 0.75],
    ['two digits of the day swapped', '1992-03-12', '1992-03-21', false, 0.75],
    ['two digits of the year swapped', '1992-03-07', '1929-03-07', false, 0.75],
    ['the same year and month', '1992-03-01', '1992-03-30', false, 0.6],
    ['the same year, months apart', '1992-01-10', '1992-12-20', false, 0.35],
    ['the same year, recorded as an estimate', '1992-01-01', '1992-09-15', true, 0.6],
    ['a year apart', '1992-03-07', '1991-03-06', false, 0.2],
    ['over two years apart', '1992-03-07', '1990-02-05', false, 0],
    ['ten years apart, no typo', '1992-03-07', '1981-05-09', false, 0],
  ])('%s', (_, a, b, estimated, expected) => {
    expect(birthDateSimilarity(a, b, estimated)).toBeCloseTo(expected, 2);
  });

  // The sweeps collect what breaks the rule and compare once: an assertion per pair is too slow.
  it('scores a day off above eleven months off (unless a typo or the same year), and the same date above all', { timeout: 30_000 }, () => {
    const broken: string[] = [];
    for (const a of ENTERED.filter((d) => !january(d, shift(d, 1)) && !january(d, shift(d, -1)))) {
      const oneDay = Math.min(birthDateSimilarity(a, shift(a, 1)), birthDateSimilarity(a, shift(a, -1)));
      if (oneDay !== BIRTH_DATE_GRADES.oneDay) broken.push(`${a} ±1`);
      for (const d of [-335, -334, 334, 335]) {
        const b = shift(a, d);
        const s = birthDateSimilarity(a, b);
        if (!(oneDay > s) || (!patterned(a, b) && s > 0.25)) broken.push(`${a} ${b}`);
      }
      for (let d = -800; d <= 800; d++) {
        const s = birthDateSimilarity(a, shift(a, d));
        if (d !== 0 && !(s <= BIRTH_DATE_GRADES.oneDay)) broken.push(`${a} ${d}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('never rises with the distance, except for a swap, a typo or the same year', { timeout: 30_000 }, () => {
    const broken: string[] = [];
    let previous = Infinity;
    for (let d = 0; d <= 1000; d++) {
      const s = birthDateDistanceScore(d);
      if (!(s <= previous && s >= 0)) broken.push(`distance ${d}`);
      previous = s;
    }
    for (const a of ENTERED) {
      for (const sign of [1, -1]) {
        let last = Infinity;
        for (let d = 0; d <= 800; d++) {
          const b = shift(a, sign * d);
          const s = birthDateSimilarity(a, b);
          if (d > 0 && january(a, b)) {
            // Only the year: the same year at 0.6, another at most a year apart's grade.
            const ok = a.slice(0, 4) === b.slice(0, 4) ? s === BIRTH_DATE_GRADES.estimatedSameYear : s >= 0 && s <= BIRTH_DATE_GRADES.januaryOtherYear;
            if (!ok) broken.push(`${a} ${b} january`);
            continue;
          }
          if (!(s >= birthDateDistanceScore(d) && s <= 1)) broken.push(`${a} ${b} bounds`);
          if (patterned(a, b) && d > 1) continue;
          if (!(s <= last)) broken.push(`${a} ${b} rises`);
          last = s;
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('reads 1 January, entered or recorded, as a year that may be all that is known', () => {
    expect(birthDateSimilarity('1990-01-01', '1990-08-15')).toBe(BIRTH_DATE_GRADES.estimatedSameYear);
    expect(birthDateSimilarity('1990-08-15', '1990-01-01')).toBe(BIRTH_DATE_GRADES.estimatedSameYear);
    expect(birthDateSimilarity('1990-02-01', '1990-08-15')).toBe(BIRTH_DATE_GRADES.sameYear);
    expect(birthDateSimilarity('1990-01-01', '1991-08-15')).toBeLessThan(BIRTH_DATE_GRADES.sameYear);
    expect(birthDateSimilarity('1990-01-01', '1990-01-01', true)).toBe(BIRTH_DATE_GRADES.exact);
  });

  it('grades every day of the year of a 1 January alike, and another year below it, however alike the digits', () => {
    const sameYear = BIRTH_DATE_GRADES.estimatedSameYear;
    // Days and weeks from New Year, a mistyped day or month: the same year, no more.
    for (const b of ['1994-01-02', '1994-01-07', '1994-07-01', '1994-10-01', '1994-06-19', '1994-12-31']) {
      expect(birthDateSimilarity('1994-01-01', b), b).toBe(sameYear);
      expect(birthDateSimilarity(b, '1994-01-01'), b).toBe(sameYear);
      expect(birthDateSimilarity(b, '1994-01-01', true), b).toBe(sameYear);
    }
    // Another year: a day before New Year, one digit of the year apart (1 January both), a year on.
    for (const b of ['1993-12-31', '1993-12-25', '1996-01-01', '1974-01-01', '1995-01-01', '1995-03-10']) {
      expect(birthDateSimilarity('1994-01-01', b), b).toBeLessThanOrEqual(BIRTH_DATE_GRADES.januaryOtherYear);
      expect(birthDateSimilarity(b, '1994-01-01'), b).toBeLessThanOrEqual(BIRTH_DATE_GRADES.januaryOtherYear);
    }
    expect(birthDateSimilarity('1994-01-01', '1991-06-01')).toBe(0);
    // Without 1 January, the patterns stand: a day off across a month, a mistyped year.
    expect(birthDateSimilarity('1994-02-28', '1994-03-01')).toBe(BIRTH_DATE_GRADES.oneDay);
    expect(birthDateSimilarity('1994-06-19', '1996-06-19')).toBe(BIRTH_DATE_GRADES.typo);
  });

  it('is symmetric, and an estimate only ever helps', () => {
    const broken: string[] = [];
    for (const a of ENTERED.filter((_, i) => i % 7 === 0)) {
      for (let d = -400; d <= 400; d += 3) {
        const b = shift(a, d);
        if (birthDateSimilarity(a, b) !== birthDateSimilarity(b, a)) broken.push(`${a} ${b} asymmetric`);
        if (birthDateSimilarity(a, b, true) < birthDateSimilarity(a, b)) broken.push(`${a} ${b} estimate`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists the real dates a mistyped entry may stand for beyond a year away', () => {
    const variants = birthDateVariants('1992-03-07');
    expect(variants).toEqual(expect.arrayContaining(['1982-03-07', '1929-03-07', '1972-03-07']));
    expect(variants).not.toContain('1993-03-07'); // within a year: found anyway
    for (const v of variants) {
      expect(v).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
      expect(daysApart(v, '1992-03-07')).toBeGreaterThan(366);
      expect(birthDateSimilarity('1992-03-07', v)).toBe(BIRTH_DATE_GRADES.typo);
    }
    expect(birthDateVariants('1992-02-29')).not.toContain('1993-02-29');
    expect(birthDateVariants('2000-04-30').every((v) => !v.endsWith('-02-30'))).toBe(true);
  });
});
