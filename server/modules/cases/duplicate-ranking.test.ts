import { describe, expect, it } from 'vitest';
import { nameKeys } from '../../../shared/names/name-keys.js';
import { blockKeysOf, duplicateScore, jaroWinkler, nameSimilarity, rankCandidates, TIED_CANDIDATES_MAX, tokenSetSimilarity, type RankedFields } from './duplicate-ranking.js';

const keys = (...parts: string[]) => nameKeys(parts);
const recorded = (given: string, family: string, birthDate: string | null, nationality: string | null = 'IQ', estimated = false): RankedFields & { id: string } => {
  const k = keys(given, family);
  return { id: `${given} ${family} ${birthDate}`, name_skeleton: k.skeleton, name_folded: k.folded, birth_date: birthDate, birth_date_estimated: estimated, nationality };
};

describe('Jaro-Winkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
});

describe('name similarity', () => {
  it('is 1 for the same name in another spelling, script or order', () => {
    const mohammed = keys('Mohammed', 'Al-Hassan');
    expect(nameSimilarity(keys('Muhammad', 'Al Hasan'), mohammed)).toBeGreaterThan(0.9);
    expect(nameSimilarity(keys('Al-Hassan', 'Mohammed'), mohammed)).toBe(1);
    expect(tokenSetSimilarity(keys('محمد', 'الحسن').skeleton, mohammed.skeleton)).toBe(1);
    expect(tokenSetSimilarity(keys('Иван', 'Иванов').skeleton, keys('Ivan', 'Ivanov').skeleton)).toBe(1);
  });

  it('costs little for a dropped middle name and much for another given name', () => {
    const full = keys('Mohammed Ali', 'Hassan');
    const dropped = nameSimilarity(keys('Mohammed', 'Hassan'), full);
    const sibling = nameSimilarity(keys('Fatima', 'Hassan'), full);
    expect(dropped).toBeGreaterThan(0.9);
    expect(sibling).toBeLessThan(dropped - 0.15);
  });
});

describe('the duplicate score', () => {
  const input = { ...keys('Oluwaseun', 'Adeyemi'), birthDate: '1992-03-07', nationality: 'NG' };

  it('is 1 for the same name, date of birth and nationality', () => {
    expect(duplicateScore(input, recorded('Oluwaseun', 'Adeyemi', '1992-03-07', 'NG'))).toBe(1);
  });

  it('ranks a birth date a day off above eleven months off, and an unknown one in between', () => {
    const oneDay = duplicateScore(input, recorded('Oluwaseun', 'Adeyemi', '1992-03-08', 'NG'));
    const elevenMonths = duplicateScore(input, recorded('Oluwaseun', 'Adeyemi', '1991-04-07', 'NG'));
    const unknown = duplicateScore(input, recorded('Oluwaseun', 'Adeyemi', null, 'NG'));
    expect(oneDay).toBeGreaterThan(unknown);
    expect(unknown).toBeGreaterThan(elevenMonths);
  });

  it('weighs the nationality: the same above unknown', () => {
    expect(duplicateScore(input, recorded('Oluwaseun', 'Adeyemi', '1992-03-07', 'NG'))).toBeGreaterThan(duplicateScore(input, recorded('Oluwaseun', 'Adeyemi', '1992-03-07', null)));
  });

  it('ranks the candidates best first, keeps the first of equals first, and keeps the limit', () => {
    const candidates = [
      recorded('Folake', 'Adeyemi', '1990-06-01', 'NG'),
      recorded('Oluwaseun', 'Adeyemi', '1991-04-07', 'NG'),
      recorded('Oluwasegun', 'Adeyemi', '1995-08-30', 'NG'),
      recorded('Oluwaseun', 'Adeyemi', '1992-03-08', 'NG'),
      recorded('Oluwaseun', 'Adeyemi', '1992-03-08', 'NG'),
    ];
    const ranked = rankCandidates(input, candidates, 3);
    expect(ranked).toHaveLength(3);
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
    expect(ranked[0]!.id).toBe('Oluwaseun Adeyemi 1992-03-08');
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
    expect(ranked[2]!.id).toBe('Oluwaseun Adeyemi 1991-04-07');
    expect(ranked[0]).not.toBe(candidates[3]); // the rows are copied, with their score
    expect(ranked[0]).toMatchObject({ ...candidates[3], score: expect.any(Number) });
  });

  it('lists past the limit those scored as the last one listed, up to a maximum', () => {
    const january = { ...input, birthDate: '1992-01-01' };
    const born1992 = (n: number) => Array.from({ length: n }, (_, i) => recorded('Oluwaseun', 'Adeyemi', `1992-${String(2 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, 'NG'));
    const elsewhere = [recorded('Oluwaseun', 'Adeyemi', '1996-01-01', 'NG'), recorded('Oluwaseun', 'Adeyemi', '1982-01-01', 'NG')];
    const twelve = rankCandidates(january, [...elsewhere, ...born1992(12)], 10);
    expect(twelve).toHaveLength(12);
    expect(new Set(twelve.map((r) => r.score)).size).toBe(1);
    expect(twelve.every((r) => r.birth_date!.startsWith('1992-'))).toBe(true);
    expect(rankCandidates(january, [...elsewhere, ...born1992(40)], 10)).toHaveLength(TIED_CANDIDATES_MAX);
    // Without ties at the cut, the limit holds.
    expect(rankCandidates(input, [...elsewhere, ...born1992(3), recorded('Oluwaseun', 'Adeyemi', '1992-03-07', 'NG')], 2)).toHaveLength(2);
  });

  it('scores each candidate in a list as it scores it alone (duplicateScore), names and dates repeated or not, an estimated date apart from the same date not estimated', () => {
    const entered = { ...keys('Oluwaseun', 'Adeyemi'), birthDate: '1992-06-10', nationality: 'NG' };
    const estimated = { ...recorded('Oluwaseun', 'Adeyemi', '1992-03-07', 'NG'), id: 'estimated', birth_date_estimated: true };
    const candidates = [
      recorded('Oluwaseun', 'Adeyemi', '1992-03-07', 'NG'), estimated, recorded('Oluwaseun', 'Adeyemi', '1992-03-07', null),
      recorded('Oluwasegun', 'Adeyemi', '1992-03-07', 'NG'), recorded('Oluwaseun', 'Adeyemi', null, 'NG'), recorded('Folake', 'Adeyemi', '1992-06-10', 'NG'),
      recorded('Oluwaseun', 'Adeyemi', '1992-06-10', 'NG'), recorded('Oluwasegun', 'Adeyemi', '1992-06-11', 'NG'),
    ];
    const ranked = rankCandidates(entered, candidates, candidates.length);
    expect(ranked).toHaveLength(candidates.length);
    for (const r of ranked) expect(r.score).toBe(duplicateScore(entered, r));
    // The same date, estimated on record, grades as the same year estimated: above the same date not estimated.
    expect(ranked.find((r) => r.id === 'estimated')!.score).toBeGreaterThan(ranked.find((r) => r.id === 'Oluwaseun Adeyemi 1992-03-07' && r.nationality === 'NG' && !r.birth_date_estimated)!.score);
  });

  it('orders by the score before rounding: the closer spelling first among scores shown equal', () => {
    const a = recorded('Ketevan', 'Gelashvily', '1984-05-02', 'GE');
    const b = recorded('Ketevan', 'Gelashvili', '1984-05-02', 'GE');
    const entered = { ...keys('Ketevan', 'Gelashvili'), birthDate: '1984-05-03', nationality: 'GE' };
    const ranked = rankCandidates(entered, [a, b], 1);
    expect(ranked[0]!.id).toBe(b.id);
  });
});

describe('the blocking keys of the person being registered', () => {
  it('pairs the skeleton tokens in both orders with the years around the birth date, typo years and unknown', () => {
    const k = blockKeysOf('mhmd hsn', '1988-04-12', 2026);
    expect(k).toEqual(expect.arrayContaining(['mhmd hsn|1987', 'mhmd hsn|1988', 'mhmd hsn|1989', 'hsn mhmd|1988', 'hsn mhmd|?', 'hsn mhmd|1998', 'mhmd hsn|1978']));
    expect(k.some((x) => x.endsWith('|2988'))).toBe(false);
    expect(k.some((x) => x.endsWith('|1990'))).toBe(false);
  });

  it('counts a token with the l of an attached article also without it, not paired with itself', () => {
    const k = blockKeysOf(keys('Mohamed', 'Alhassan').skeleton, null);
    expect(k).toEqual(expect.arrayContaining(['mhmd lhsn', 'mhmd hsn', 'hsn mhmd']));
    expect(k).not.toContain('lhsn hsn');
    expect(k).not.toContain('hsn lhsn');
  });

  it('leaves out the mistyped years when asked: the years within one of the date and unknown only', () => {
    const k = blockKeysOf('mhmd hsn', '1988-04-12', 2026, { typoYears: false });
    expect(new Set(k.map((x) => x.split('|')[1]))).toEqual(new Set(['1987', '1988', '1989', '?']));
  });

  it('uses a lone token alone, and the keys without a year when no birth date is entered', () => {
    expect(blockKeysOf('mhmd', '1988-04-12', 2026)).toContain('mhmd|1988');
    expect(blockKeysOf('mhmd hsn', null)).toEqual(['mhmd hsn', 'hsn mhmd']);
    expect(blockKeysOf('', null)).toEqual([]);
  });
});
