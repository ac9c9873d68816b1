import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../../shared/names/name-keys.js';
import { searchKeys, typoVariants } from './name-search.js';

const keys = (q: string) => searchKeys(queryKeys(q).skeleton);

describe('name search keys', () => {
  it('looks a one-word query up by its skeleton token, in any spelling or script', () => {
    expect(keys('Mohammed').exact).toEqual(['mhmd']);
    expect(keys('Muhammad').exact).toEqual(['mhmd']);
    expect(keys('محمد').exact).toEqual(['mhmd']);
  });

  it('looks a two-word query up by the pair key, stored in byte order', () => {
    expect(keys('Yusuf Haddad').exact).toEqual(['hd ysf']);
    expect(keys('Haddad Yusuf').exact).toEqual(['hd ysf']);
  });

  it('reaches a typing error in either word through the neighbours of each token', () => {
    const { typo } = keys('Yusuf Haddad');
    expect(typo).toContain('hdm ysf'); // a letter added to the family name
    expect(typo).toContain('d ysf'); // a letter dropped
    expect(typo).toContain('hd ysn'); // a letter replaced in the given name
    expect(typo).toContain('hd syf'); // two letters swapped
    expect(typo).not.toContain('hd ysf');
  });

  it('finds a one-word query with a letter swapped or replaced (dropped and doubled vowels keep the skeleton)', () => {
    expect(keys('Rajapksa').exact).toEqual(['rjpks']);
    expect(keys('Rajappaksa').exact).toEqual(['rjpks']);
    expect(keys('Rajapaska').typo).toContain('rjpks');
    expect(keys('Rajabaksa').typo).toContain('rjpks');
    expect(keys('Yuuf').typo).toContain('ysf');
  });

  it('gives no neighbours to one-letter tokens alone nor to scripts it does not transliterate', () => {
    expect(keys('Ali').typo).toEqual([]);
    expect(typoVariants('山田')).toEqual([]);
  });

  it('has no keys for a query without letters', () => {
    expect(keys('---')).toEqual({ exact: [], typo: [] });
  });
});
