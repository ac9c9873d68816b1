import { describe, expect, it } from 'vitest';
import { matchRank, rankedFilter } from './reference';

describe('rankedFilter', () => {
  const options = ['Algerian Arabic', 'Arabic (العربية)', 'Egyptian Arabic', 'Arabela', 'Dari', 'Arabic, Sudanese'].map((label) => ({ value: label, label }));

  it('puts the exact name first, then names starting with what was typed, then words', () => {
    expect(rankedFilter({ options, search: 'arabic', limit: Infinity }).map((o) => ('label' in o ? o.label : ''))).toEqual([
      'Arabic (العربية)', 'Arabic, Sudanese', 'Algerian Arabic', 'Egyptian Arabic',
    ]);
    expect(rankedFilter({ options, search: 'arab', limit: 2 }).map((o) => ('label' in o ? o.label : ''))).toEqual(['Arabic (العربية)', 'Arabela']);
  });

  it('ignores case and accents', () => {
    expect(matchRank('Français', 'francais')).toBe(0);
    expect(matchRank('Dari', 'x')).toBe(-1);
  });
});
