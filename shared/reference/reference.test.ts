import { describe, expect, it } from 'vitest';
import {
  LOCALES,
  countries,
  countriesInRegion,
  countryByAlpha2,
  countryByAlpha3,
  countryByNumeric,
  countryName,
  currencies,
  currencyByCode,
  isCountryCode,
  isCurrencyCode,
  isLanguageTag,
  languageByTag,
  languages,
  minorUnits,
  normalizeLanguageTag,
  regionName,
  regions,
  withdrawnCurrencies,
} from './index.js';

describe('countries', () => {
  it('has every ISO 3166-1 entry plus the user-assigned XK', () => {
    expect(countries.filter((c) => !c.userAssigned)).toHaveLength(249);
    expect(countries).toHaveLength(250);
    expect(countries.filter((c) => c.userAssigned).map((c) => c.alpha2)).toEqual(['XK']);
  });

  it('has unique, well-formed codes', () => {
    for (const key of ['alpha2', 'alpha3', 'numeric'] as const) {
      expect(new Set(countries.map((c) => c[key])).size).toBe(countries.length);
    }
    for (const c of countries) {
      expect(c.alpha2).toMatch(/^[A-Z]{2}$/);
      expect(c.alpha3).toMatch(/^[A-Z]{3}$/);
      expect(c.numeric).toMatch(/^\d{3}$/);
    }
  });

  it.each([
    ['IQ', '142', '145', 'Western Asia'],
    ['NG', '002', '011', 'Western Africa'],
    ['BR', '019', '005', 'South America'],
    ['MX', '019', '013', 'Central America'],
    ['BE', '150', '155', 'Western Europe'],
    ['AF', '142', '034', 'Southern Asia'],
    ['LK', '142', '034', 'Southern Asia'],
    ['EC', '019', '005', 'South America'],
    ['HT', '019', '029', 'Caribbean'],
    ['US', '019', '021', 'Northern America'],
    ['SD', '002', '015', 'Northern Africa'],
    ['ER', '002', '014', 'Eastern Africa'],
    ['UA', '150', '151', 'Eastern Europe'],
    ['XK', '150', '039', 'Southern Europe'],
    ['TW', '142', '030', 'Eastern Asia'],
  ])('%s is in region %s, subregion %s %s', (alpha2, region, subregion, subName) => {
    const c = countryByAlpha2(alpha2);
    expect(c?.region?.code).toBe(region);
    expect(c?.subregion).toEqual({ code: subregion, name: subName });
  });

  it('names the region and the sub-region group', () => {
    expect(countryByAlpha2('IQ')?.region).toEqual({ code: '142', name: 'Asia' });
    expect(countryByAlpha2('IQ')?.subregionGroup).toBeNull();
    expect(countryByAlpha2('NG')?.subregionGroup?.code).toBe('202');
    expect(countryByAlpha2('BR')?.subregionGroup?.code).toBe('419');
    expect(countryByAlpha2('US')?.subregionGroup).toBeNull();
  });

  it('has all four names, a region and a subregion for every country but Antarctica', () => {
    for (const c of countries) {
      for (const l of LOCALES) expect(c.names[l].trim().length, `${c.alpha2} ${l}`).toBeGreaterThan(0);
      if (c.alpha2 === 'AQ') continue;
      expect(c.region, c.alpha2).not.toBeNull();
      expect(c.subregion, c.alpha2).not.toBeNull();
      expect(regions.find((r) => r.code === c.region?.code)?.level).toBe('region');
    }
  });

  it('handles Antarctica explicitly: no M49 region', () => {
    const aq = countryByAlpha2('AQ');
    expect(aq?.numeric).toBe('010');
    expect(aq?.region).toBeNull();
    expect(aq?.subregion).toBeNull();
    expect(aq?.subregionGroup).toBeNull();
  });

  it('gives localized names', () => {
    expect(countryName('IQ', 'ar')).toBe('العراق');
    expect(countryName('IQ', 'fr')).toBe('Irak');
    expect(countryName('DE', 'es')).toBe('Alemania');
    expect(countryName('ZZ', 'en')).toBe('ZZ');
    expect(countryByAlpha2('IR')?.altNames).toContain('Iran');
  });

  it('looks up and validates codes', () => {
    expect(isCountryCode('IQ')).toBe(true);
    expect(isCountryCode('iq')).toBe(false);
    expect(isCountryCode('ZZ')).toBe(false);
    expect(isCountryCode(42)).toBe(false);
    expect(countryByAlpha3('IRQ')?.alpha2).toBe('IQ');
    expect(countryByNumeric('368')?.alpha2).toBe('IQ');
    expect(countryByAlpha2('XX')).toBeUndefined();
  });

  it('lists countries of a grouping', () => {
    const westernAsia = countriesInRegion('145').map((c) => c.alpha2);
    expect(westernAsia).toContain('IQ');
    expect(westernAsia).toContain('SY');
    expect(westernAsia).not.toContain('IR');
    expect(countriesInRegion('202').map((c) => c.alpha2)).toContain('NG');
    expect(countriesInRegion('002').length).toBeGreaterThan(50);
  });

  it('has region names in every locale', () => {
    for (const r of regions) for (const l of LOCALES) expect(r.names[l].length).toBeGreaterThan(0);
    expect(regionName('145', 'ar')).toBe('غرب آسيا');
    expect(regionName('002', 'fr')).toBe('Afrique');
    expect(regionName('999', 'en')).toBeUndefined();
  });
});

describe('currencies', () => {
  it('has all active ISO 4217 codes', () => {
    expect(currencies.length).toBeGreaterThanOrEqual(175);
    expect(currencies.filter((c) => c.kind === 'currency').length).toBeGreaterThanOrEqual(150);
    expect(new Set(currencies.map((c) => c.code)).size).toBe(currencies.length);
    for (const c of currencies) {
      expect(c.code).toMatch(/^[A-Z]{3}$/);
      expect(c.numeric).toMatch(/^\d{3}$/);
    }
  });

  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['EUR', 2],
    ['IQD', 3],
    ['KWD', 3],
    ['TND', 3],
    ['CLF', 4],
    ['XOF', 0],
  ])('%s has %i minor units', (code, units) => {
    expect(minorUnits(code)).toBe(units);
  });

  it('handles N.A. and unknown codes', () => {
    expect(minorUnits('XAU')).toBeUndefined();
    expect(currencyByCode('XAU')?.minorUnits).toBeNull();
    expect(minorUnits('ABC')).toBeUndefined();
    expect(minorUnits(currencyByCode('AFN')!)).toBe(2);
  });

  it('validates active codes only', () => {
    expect(isCurrencyCode('AFN')).toBe(true);
    expect(isCurrencyCode('XCG')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('HRK')).toBe(false);
    expect(currencyByCode('HRK')).toMatchObject({ withdrawn: 2023, replacedBy: 'EUR' });
    expect(minorUnits('HRK')).toBe(2);
    for (const w of withdrawnCurrencies) expect(isCurrencyCode(w.replacedBy)).toBe(true);
  });
});

describe('languages', () => {
  it('has all ISO 639-1 codes and the additions, without duplicates', () => {
    expect(languages.filter((l) => l.iso6391)).toHaveLength(183);
    expect(new Set(languages.map((l) => l.tag)).size).toBe(languages.length);
    for (const l of languages) {
      expect(l.tag).toMatch(l.iso6391 ? /^[a-z]{2}$/ : /^[a-z]{3}$/);
      expect(l.name.length).toBeGreaterThan(0);
      expect(l.autonym.length).toBeGreaterThan(0);
    }
  });

  it.each(['prs', 'ar', 'ckb', 'kmr', 'ti', 'bal', 'bej', 'tzm', 'kab', 'ff', 'sus', 'dyu', 'wo', 'pcm', 'rom', 'hak', 'yue', 'cmn'])(
    '%s is a valid tag',
    (tag) => expect(isLanguageTag(tag)).toBe(true),
  );

  it('validates and normalizes tags with script and region', () => {
    expect(isLanguageTag('fa-AF')).toBe(true);
    expect(isLanguageTag('sr-Latn-RS')).toBe(true);
    expect(isLanguageTag('es-419')).toBe(true);
    expect(isLanguageTag('tir')).toBe(false);
    expect(isLanguageTag('AR')).toBe(false);
    expect(isLanguageTag('ar-ZZ')).toBe(false);
    expect(isLanguageTag('xx')).toBe(false);
    expect(isLanguageTag(null)).toBe(false);
    expect(normalizeLanguageTag('FA_af')).toBe('fa-AF');
    expect(normalizeLanguageTag('sr-latn')).toBe('sr-Latn');
    expect(normalizeLanguageTag('klingon')).toBeNull();
  });

  it('finds names and autonyms', () => {
    expect(languageByTag('prs')).toMatchObject({ name: 'Dari', autonym: 'دری' });
    expect(languageByTag('ar-IQ')?.autonym).toBe('العربية');
    expect(languageByTag('TI')?.name).toBe('Tigrinya');
  });
});
