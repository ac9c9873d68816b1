import { COUNTRY_RECORDS } from './countries.data.js';
import type { Locale } from './locale.js';
import { regionByCode, type RegionRef } from './regions.js';

/**
 * An ISO 3166-1 country or area with its UN M49 classification.
 *
 * `region` and `subregion` are null only for Antarctica ('AQ'), which M49 places directly under
 * the world. `subregion` is the most specific M49 grouping: the intermediate region where M49 has
 * one ('011' Western Africa, '005' South America, '013' Central America, '029' Caribbean, ...),
 * otherwise the sub-region ('145' Western Asia, '034' Southern Asia, '155' Western Europe, ...).
 * `subregionGroup` is the M49 sub-region above an intermediate region ('202' Sub-Saharan Africa,
 * '419' Latin America and the Caribbean), null elsewhere.
 */
export interface Country {
  readonly alpha2: string;
  readonly alpha3: string;
  /** ISO 3166-1 numeric = UN M49 three-digit code, e.g. '368'. */
  readonly numeric: string;
  readonly region: RegionRef | null;
  readonly subregion: RegionRef | null;
  readonly subregionGroup: RegionRef | null;
  /** False for codes the M49 list does not carry (TW, XK). */
  readonly inM49: boolean;
  /** True for user-assigned codes that are not part of ISO 3166-1 (XK Kosovo). */
  readonly userAssigned: boolean;
  readonly names: Readonly<Record<Locale, string>>;
  /** Other names (short forms, e.g. 'Iran', 'USA'), useful for search. */
  readonly altNames: readonly string[];
}

function ref(code: string | null): RegionRef | null {
  if (code === null) return null;
  const r = regionByCode(code);
  if (!r) throw new Error(`unknown M49 grouping ${code}`);
  return Object.freeze({ code: r.code, name: r.names.en });
}

export const countries: readonly Country[] = Object.freeze(
  COUNTRY_RECORDS.map((c): Country => {
    const sub = c.subregion === null ? undefined : regionByCode(c.subregion);
    const group = sub?.level === 'intermediate-region' ? sub.parent : null;
    return Object.freeze({
      alpha2: c.alpha2,
      alpha3: c.alpha3,
      numeric: c.numeric,
      region: ref(c.region),
      subregion: ref(c.subregion),
      subregionGroup: ref(group),
      inM49: c.inM49,
      userAssigned: c.userAssigned,
      names: c.names,
      altNames: c.altNames,
    });
  }),
);

const BY_ALPHA2: ReadonlyMap<string, Country> = new Map(countries.map((c) => [c.alpha2, c]));
const BY_ALPHA3: ReadonlyMap<string, Country> = new Map(countries.map((c) => [c.alpha3, c]));
const BY_NUMERIC: ReadonlyMap<string, Country> = new Map(countries.map((c) => [c.numeric, c]));

/** Exact, upper-case alpha-2 lookup ('IQ'). Use `code.toUpperCase()` first for user input. */
export function countryByAlpha2(code: string): Country | undefined {
  return BY_ALPHA2.get(code);
}

export function countryByAlpha3(code: string): Country | undefined {
  return BY_ALPHA3.get(code);
}

export function countryByNumeric(code: string): Country | undefined {
  return BY_NUMERIC.get(code);
}

/** True for a known upper-case alpha-2 code (including the user-assigned 'XK'). */
export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && BY_ALPHA2.has(code);
}

/** Country name in a locale; falls back to the code itself for an unknown code. */
export function countryName(alpha2: string, locale: Locale): string {
  return BY_ALPHA2.get(alpha2)?.names[locale] ?? alpha2;
}

/** Countries of an M49 region, sub-region group or subregion, e.g. '002', '202', '145'. */
export function countriesInRegion(m49: string): Country[] {
  return countries.filter(
    (c) => c.region?.code === m49 || c.subregion?.code === m49 || c.subregionGroup?.code === m49,
  );
}
