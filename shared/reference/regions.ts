import type { Locale } from './locale.js';

/**
 * UN M49 geographic groupings ("Standard country or area codes for statistical use", UN Statistics
 * Division) with their names in the UN languages Homeward ships (en, fr, es, ar).
 *
 * M49 has three levels below the world: region (Africa, Americas, ...), sub-region (Northern Africa,
 * Sub-Saharan Africa, Latin America and the Caribbean, Western Asia, ...) and, inside two of the
 * sub-regions, intermediate regions (Western Africa, South America, Caribbean, ...).
 * `Country.subregion` is the most specific grouping (the intermediate region where one exists), and
 * `Country.subregionGroup` is the enclosing sub-region in those two cases ('202', '419').
 */
export type RegionLevel = 'world' | 'region' | 'sub-region' | 'intermediate-region';

export interface RegionName {
  /** Three-digit M49 code, e.g. '145'. */
  readonly code: string;
  readonly level: RegionLevel;
  /** Code of the enclosing grouping ('001' for regions; null for the world). */
  readonly parent: string | null;
  readonly names: Readonly<Record<Locale, string>>;
}

/** A reference to a grouping as stored on a country: code and English name. */
export interface RegionRef {
  readonly code: string;
  readonly name: string;
}

type Row = readonly [code: string, level: RegionLevel, parent: string | null, en: string, fr: string, es: string, ar: string];

// prettier-ignore
const ROWS: readonly Row[] = [
  ['001', 'world', null, 'World', 'Monde', 'Mundo', 'العالم'],
  ['002', 'region', '001', 'Africa', 'Afrique', 'África', 'أفريقيا'],
  ['019', 'region', '001', 'Americas', 'Amériques', 'Américas', 'الأمريكتان'],
  ['142', 'region', '001', 'Asia', 'Asie', 'Asia', 'آسيا'],
  ['150', 'region', '001', 'Europe', 'Europe', 'Europa', 'أوروبا'],
  ['009', 'region', '001', 'Oceania', 'Océanie', 'Oceanía', 'أوقيانوسيا'],
  ['015', 'sub-region', '002', 'Northern Africa', 'Afrique septentrionale', 'África septentrional', 'شمال أفريقيا'],
  ['202', 'sub-region', '002', 'Sub-Saharan Africa', 'Afrique subsaharienne', 'África subsahariana', 'أفريقيا جنوب الصحراء الكبرى'],
  ['014', 'intermediate-region', '202', 'Eastern Africa', 'Afrique orientale', 'África oriental', 'شرق أفريقيا'],
  ['017', 'intermediate-region', '202', 'Middle Africa', 'Afrique centrale', 'África central', 'وسط أفريقيا'],
  ['018', 'intermediate-region', '202', 'Southern Africa', 'Afrique australe', 'África meridional', 'الجنوب الأفريقي'],
  ['011', 'intermediate-region', '202', 'Western Africa', 'Afrique occidentale', 'África occidental', 'غرب أفريقيا'],
  ['419', 'sub-region', '019', 'Latin America and the Caribbean', 'Amérique latine et Caraïbes', 'América Latina y el Caribe', 'أمريكا اللاتينية ومنطقة البحر الكاريبي'],
  ['029', 'intermediate-region', '419', 'Caribbean', 'Caraïbes', 'Caribe', 'منطقة البحر الكاريبي'],
  ['013', 'intermediate-region', '419', 'Central America', 'Amérique centrale', 'Centroamérica', 'أمريكا الوسطى'],
  ['005', 'intermediate-region', '419', 'South America', 'Amérique du Sud', 'América del Sur', 'أمريكا الجنوبية'],
  ['021', 'sub-region', '019', 'Northern America', 'Amérique septentrionale', 'América septentrional', 'أمريكا الشمالية'],
  ['143', 'sub-region', '142', 'Central Asia', 'Asie centrale', 'Asia central', 'آسيا الوسطى'],
  ['030', 'sub-region', '142', 'Eastern Asia', 'Asie orientale', 'Asia oriental', 'شرق آسيا'],
  ['035', 'sub-region', '142', 'South-eastern Asia', 'Asie du Sud-Est', 'Asia sudoriental', 'جنوب شرق آسيا'],
  ['034', 'sub-region', '142', 'Southern Asia', 'Asie du Sud', 'Asia meridional', 'جنوب آسيا'],
  ['145', 'sub-region', '142', 'Western Asia', 'Asie occidentale', 'Asia occidental', 'غرب آسيا'],
  ['151', 'sub-region', '150', 'Eastern Europe', 'Europe orientale', 'Europa oriental', 'أوروبا الشرقية'],
  ['154', 'sub-region', '150', 'Northern Europe', 'Europe septentrionale', 'Europa septentrional', 'أوروبا الشمالية'],
  ['039', 'sub-region', '150', 'Southern Europe', 'Europe méridionale', 'Europa meridional', 'أوروبا الجنوبية'],
  ['155', 'sub-region', '150', 'Western Europe', 'Europe occidentale', 'Europa occidental', 'أوروبا الغربية'],
  ['053', 'sub-region', '009', 'Australia and New Zealand', 'Australie et Nouvelle-Zélande', 'Australia y Nueva Zelandia', 'أستراليا ونيوزيلندا'],
  ['054', 'sub-region', '009', 'Melanesia', 'Mélanésie', 'Melanesia', 'ميلانيزيا'],
  ['057', 'sub-region', '009', 'Micronesia', 'Micronésie', 'Micronesia', 'ميكرونيزيا'],
  ['061', 'sub-region', '009', 'Polynesia', 'Polynésie', 'Polinesia', 'بولينيزيا'],
];

export const regions: readonly RegionName[] = ROWS.map(([code, level, parent, en, fr, es, ar]) =>
  Object.freeze({ code, level, parent, names: Object.freeze({ en, fr, es, ar }) }),
);

const REGION_BY_CODE: ReadonlyMap<string, RegionName> = new Map(regions.map((r) => [r.code, r]));

export function regionByCode(code: string): RegionName | undefined {
  return REGION_BY_CODE.get(code);
}

/** Name of an M49 grouping in a locale; undefined for an unknown code. */
export function regionName(code: string, locale: Locale): string | undefined {
  return REGION_BY_CODE.get(code)?.names[locale];
}
