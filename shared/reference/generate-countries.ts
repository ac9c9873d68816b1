/**
 * Generates shared/reference/countries.data.ts from:
 *  - the npm package `i18n-iso-countries` (ISO 3166-1 codes and country names in en/fr/es/ar);
 *  - the UN M49 table below ("Standard country or area codes for statistical use", UN Statistics
 *    Division), keyed by the M49 / ISO 3166-1 numeric code.
 *
 * Run from the repository root:   npx tsx shared/reference/generate-countries.ts
 * The output is committed so that neither the server nor the browser bundle needs the package.
 * This script is a dev tool (Node-only); nothing in shared/ imports it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale } from './locale.js';
import { regionByCode } from './regions.js';

const require = createRequire(import.meta.url);

/**
 * Country or area (M49 numeric code) -> the most specific M49 grouping containing it: the
 * intermediate region where M49 has one (e.g. '011' Western Africa, '005' South America), otherwise
 * the sub-region (e.g. '145' Western Asia). '010' Antarctica belongs directly to '001' World.
 */
// prettier-ignore
const M49_GROUP: Readonly<Record<string, string>> = {
  '004': '034', '008': '039', '010': '001', '012': '015', '016': '061', '020': '039', '024': '017',
  '028': '029', '031': '145', '032': '005', '036': '053', '040': '155', '044': '029', '048': '145',
  '050': '034', '051': '145', '052': '029', '056': '155', '060': '021', '064': '034', '068': '005',
  '070': '039', '072': '018', '074': '005', '076': '005', '084': '013', '086': '014', '090': '054',
  '092': '029', '096': '035', '100': '151', '104': '035', '108': '014', '112': '151', '116': '035',
  '120': '017', '124': '021', '132': '011', '136': '029', '140': '017', '144': '034', '148': '017',
  '152': '005', '156': '030', '162': '053', '166': '053', '170': '005', '174': '014', '175': '014',
  '178': '017', '180': '017', '184': '061', '188': '013', '191': '039', '192': '029', '196': '145',
  '203': '151', '204': '011', '208': '154', '212': '029', '214': '029', '218': '005', '222': '013',
  '226': '017', '231': '014', '232': '014', '233': '154', '234': '154', '238': '005', '239': '005',
  '242': '054', '246': '154', '248': '154', '250': '155', '254': '005', '258': '061', '260': '014',
  '262': '014', '266': '017', '268': '145', '270': '011', '275': '145', '276': '155', '288': '011',
  '292': '039', '296': '057', '300': '039', '304': '021', '308': '029', '312': '029', '316': '057',
  '320': '013', '324': '011', '328': '005', '332': '029', '334': '053', '336': '039', '340': '013',
  '344': '030', '348': '151', '352': '154', '356': '034', '360': '035', '364': '034', '368': '145',
  '372': '154', '376': '145', '380': '039', '384': '011', '388': '029', '392': '030', '398': '143',
  '400': '145', '404': '014', '408': '030', '410': '030', '414': '145', '417': '143', '418': '035',
  '422': '145', '426': '018', '428': '154', '430': '011', '434': '015', '438': '155', '440': '154',
  '442': '155', '446': '030', '450': '014', '454': '014', '458': '035', '462': '034', '466': '011',
  '470': '039', '474': '029', '478': '011', '480': '014', '484': '013', '492': '155', '496': '030',
  '498': '151', '499': '039', '500': '029', '504': '015', '508': '014', '512': '145', '516': '018',
  '520': '057', '524': '034', '528': '155', '531': '029', '533': '029', '534': '029', '535': '029',
  '540': '054', '548': '054', '554': '053', '558': '013', '562': '011', '566': '011', '570': '061',
  '574': '053', '578': '154', '580': '057', '581': '057', '583': '057', '584': '057', '585': '057',
  '586': '034', '591': '013', '598': '054', '600': '005', '604': '005', '608': '035', '612': '061',
  '616': '151', '620': '039', '624': '011', '626': '035', '630': '029', '634': '145', '638': '014',
  '642': '151', '643': '151', '646': '014', '652': '029', '654': '011', '659': '029', '660': '029',
  '662': '029', '663': '029', '666': '021', '670': '029', '674': '039', '678': '017', '682': '145',
  '686': '011', '688': '039', '690': '014', '694': '011', '702': '035', '703': '151', '704': '035',
  '705': '039', '706': '014', '710': '018', '716': '014', '724': '039', '728': '014', '729': '015',
  '732': '015', '740': '005', '744': '154', '748': '018', '752': '154', '756': '155', '760': '145',
  '762': '143', '764': '035', '768': '011', '772': '061', '776': '061', '780': '029', '784': '145',
  '788': '015', '792': '145', '795': '143', '796': '029', '798': '061', '800': '014', '804': '151',
  '807': '039', '818': '015', '826': '154', '831': '154', '832': '154', '833': '154', '834': '014',
  '840': '021', '850': '029', '854': '011', '858': '005', '860': '143', '862': '005', '876': '061',
  '882': '061', '887': '145', '894': '014',
};

/**
 * Codes that i18n-iso-countries carries but the M49 list does not: Taiwan ('158' is not listed by
 * the UN; placed in Eastern Asia) and Kosovo ('XK'/'983' is a user-assigned code, not ISO 3166-1;
 * placed in Southern Europe). Both are flagged in the data (inM49: false).
 */
const NOT_IN_M49: Readonly<Record<string, string>> = { TW: '030', XK: '039' };
const USER_ASSIGNED = new Set(['XK']);

type Names = string | string[];
interface LangFile {
  locale: string;
  countries: Record<string, Names>;
}

function readJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;
}

const pkg = readJson<{ version: string }>('i18n-iso-countries/package.json');
const codes = readJson<[string, string, string, string][]>('i18n-iso-countries/codes.json');
const langs = Object.fromEntries(
  LOCALES.map((l) => [l, readJson<LangFile>(`i18n-iso-countries/langs/${l}.json`).countries]),
) as Record<Locale, Record<string, Names>>;

const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const asList = (n: Names | undefined): string[] => (n === undefined ? [] : Array.isArray(n) ? n : [n]);

const lines: string[] = [];
for (const [alpha2, alpha3, numeric] of [...codes].sort((a, b) => a[0].localeCompare(b[0]))) {
  if (!/^[A-Z]{2}$/.test(alpha2) || !/^[A-Z]{3}$/.test(alpha3) || !/^\d{3}$/.test(numeric)) {
    throw new Error(`bad code row ${alpha2} ${alpha3} ${numeric}`);
  }
  const inM49 = numeric in M49_GROUP;
  const group = inM49 ? M49_GROUP[numeric] : NOT_IN_M49[alpha2];
  if (group === undefined) throw new Error(`no M49 grouping for ${alpha2} (${numeric})`);
  let subregion: string | null = null;
  let region: string | null = null;
  if (group !== '001') {
    const g = regionByCode(group);
    const parent = g?.parent ? regionByCode(g.parent) : undefined;
    if (!g || !parent) throw new Error(`unknown M49 grouping ${group} for ${alpha2}`);
    subregion = g.code;
    region = parent.level === 'region' ? parent.code : parent.parent;
    if (!region || regionByCode(region)?.level !== 'region') throw new Error(`no region for ${alpha2}`);
  }
  const names = {} as Record<Locale, string>;
  const alt = new Set<string>();
  for (const l of LOCALES) {
    const all = asList(langs[l][alpha2]);
    if (all.length === 0) throw new Error(`no ${l} name for ${alpha2}`);
    names[l] = all[0]!;
    for (const a of all.slice(1)) alt.add(a);
  }
  lines.push(
    `  { alpha2: ${q(alpha2)}, alpha3: ${q(alpha3)}, numeric: ${q(numeric)}, ` +
      `region: ${region ? q(region) : 'null'}, subregion: ${subregion ? q(subregion) : 'null'}, ` +
      `inM49: ${inM49}, userAssigned: ${USER_ASSIGNED.has(alpha2)}, ` +
      `names: { ${LOCALES.map((l) => `${l}: ${q(names[l])}`).join(', ')} }, ` +
      `altNames: [${[...alt].map(q).join(', ')}] },`,
  );
}

const out = `// GENERATED FILE - do not edit by hand. Regenerate with: npx tsx shared/reference/generate-countries.ts
//
// Sources:
//  - ISO 3166-1 codes (alpha-2, alpha-3, numeric) and country names in en, fr, es, ar:
//    npm package i18n-iso-countries ${pkg.version} (codes.json, langs/{en,fr,es,ar}.json).
//    'names' is the package's first (official) name; 'altNames' are its other names (short forms).
//  - Regions and sub-regions: UN M49 "Standard country or area codes for statistical use"
//    (UN Statistics Division), as tabulated in generate-countries.ts. 'subregion' is the most
//    specific M49 grouping (intermediate region where one exists, e.g. '011' Western Africa,
//    '005' South America); 'region' is the M49 region ('002', '019', '142', '150', '009').
//  - Not in M49: TW (placed in '030' Eastern Asia) and XK Kosovo (user-assigned code, not part of
//    ISO 3166-1; placed in '039' Southern Europe). AQ Antarctica has no M49 region (null).

export interface CountryRecord {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly numeric: string;
  readonly region: string | null;
  readonly subregion: string | null;
  readonly inM49: boolean;
  readonly userAssigned: boolean;
  readonly names: { readonly en: string; readonly fr: string; readonly es: string; readonly ar: string };
  readonly altNames: readonly string[];
}

export const I18N_ISO_COUNTRIES_VERSION = ${q(pkg.version)};

export const COUNTRY_RECORDS: readonly CountryRecord[] = [
${lines.join('\n')}
];
`;

const target = fileURLToPath(new URL('./countries.data.ts', import.meta.url));
writeFileSync(target, out, 'utf8');
console.log(`wrote ${lines.length} countries to ${target}`);
