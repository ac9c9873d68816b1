import { describe, expect, it } from 'vitest';
import { isSuppressed, suppressCounts } from './suppression.js';

describe('small-number suppression', () => {
  it('withholds counts from 1 to 4, keeps 0 and 5+, and totals only what is shown', () => {
    expect([0, 1, 4, 5, 12].map(isSuppressed)).toEqual([false, true, true, false, false]);
    expect(suppressCounts({ registered: 12, counselling: 3, approved: 0, departed: 5 })).toEqual({
      counts: { registered: 12, approved: 0, departed: 5 },
      suppressed: ['counselling'],
      total: 17,
    });
  });
});
