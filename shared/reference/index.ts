/**
 * Bundled reference data (isomorphic: no Node-only imports, safe for the browser bundle).
 *  - countries: ISO 3166-1 with UN M49 region / subregion and names in en, fr, es, ar;
 *  - currencies: ISO 4217 list one with minor units;
 *  - languages: BCP 47 primary language subtags (ISO 639-1 plus selected ISO 639-3).
 */
export { LOCALES, isLocale, type Locale } from './locale.js';
export {
  regions,
  regionByCode,
  regionName,
  type RegionLevel,
  type RegionName,
  type RegionRef,
} from './regions.js';
export {
  countries,
  countryByAlpha2,
  countryByAlpha3,
  countryByNumeric,
  countriesInRegion,
  countryName,
  isCountryCode,
  type Country,
} from './countries.js';
export {
  currencies,
  withdrawnCurrencies,
  currencyByCode,
  isCurrencyCode,
  minorUnits,
  type Currency,
  type CurrencyKind,
} from './currencies.js';
export {
  languages,
  languageByTag,
  normalizeLanguageTag,
  isLanguageTag,
  type Language,
} from './languages.js';
