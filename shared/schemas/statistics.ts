import { z } from 'zod';
import { countryCode, uuid } from './common.js';

/**
 * Programme statistics: figures read from the aggregates the server keeps as cases change.
 * A returnee (a travelling member of a case) counts in the year and month of the case's departure,
 * or of the admission date for a post-arrival case; post-arrival cases are counted apart (`kind`).
 */
export const STAT_FIGURES = ['years', 'months', 'hosts', 'origins', 'origin-regions', 'host-origin', 'legal-status', 'sex-age', 'household', 'vulnerability',
  'reintegration-components', 'money-projects', 'money-donors', 'money-budget-lines', 'cost-per-case',
  'monitoring-coverage', 'community-projects'] as const;
export type StatFigure = (typeof STAT_FIGURES)[number];
export const STAT_KINDS = ['voluntary_return', 'post_arrival'] as const;
export const STAT_SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const AGE_BANDS = ['0-11', '12-17', '18-34', '35-59', '60+', 'unknown'] as const;
export const HOUSEHOLD_BANDS = ['1', '2', '3-4', '5+'] as const;
/** The key of the row or column that sums the countries after the top ones. */
export const OTHERS_KEY = 'others';
/**
 * The row of the vulnerability figure that counts each returnee with at least one recorded
 * category once (its other rows count a returnee under each of their categories).
 */
export const VULNERABLE_ANY_KEY = 'any';
/** Why a count is withheld: a count from 1 to 4, or another one withheld so that it cannot be worked out from the totals. */
export const WITHHELD = ['small', 'complement'] as const;
/**
 * Reintegration money (migration 0042): the figures of amounts have a row per project, donor or
 * budget line and a cell per measure and currency, keyed `planned:EUR`, `committed:EUR`,
 * `disbursed:EUR` (integer minor units; currencies are never added together); `NONE_KEY` is the
 * row of components without a budget line. The cost per case has a row per currency: its value
 * the cases, a cell `median` (minor units) and one per bucket of the distribution, keyed by the
 * bucket's lower bound in major units (`COST_BUCKETS`).
 */
export const MONEY_MEASURES = ['planned', 'committed', 'disbursed'] as const;
/** The figures of amounts (their rows and totals have no value of their own: currencies are not added). */
export const MONEY_FIGURES = ['money-projects', 'money-donors', 'money-budget-lines', 'cost-per-case'] as const satisfies readonly StatFigure[];
export const NONE_KEY = 'none';
/**
 * Monitoring coverage: a row per milestone (months after the schedule's anchor), cells `due`
 * (cases whose milestone is due by today) and `visited` (of those, a visit recorded as reached);
 * counted per case; no row, column or grand total (milestones of one case are not added).
 */
export const COVERAGE_MEASURES = ['due', 'visited'] as const;
export const COST_MEDIAN_KEY = 'median';
/**
 * Community projects: a row per status (`COMMUNITY_STATUSES`), no value of its own; cells
 * `projects` (how many), the beneficiaries recorded on them by group and sex, and `linked` (returnees'
 * cases linked to them); the columns are the totals of each measure; no grand total. The projects
 * are counted by the year they start; the filters that apply are `COMMUNITY_FILTERS`.
 */
export const COMMUNITY_MEASURES = ['projects', 'returneesFemale', 'returneesMale', 'returneesOther', 'communityFemale', 'communityMale', 'communityOther', 'linked'] as const;
/** The dashboard's filters the community projects figure honours (kind, host country, sex and age group do not apply). */
export const COMMUNITY_FILTERS = ['yearFrom', 'yearTo', 'officeId', 'originCountry', 'originRegion', 'projectId', 'donor'] as const;
export const COST_BUCKETS = [0, 100, 200, 500, 1000, 2000, 5000, 10000] as const;

const year = z.coerce.number().int().min(1950).max(2100);
const m49 = z.string().regex(/^\d{3}$/, 'An M49 region code, e.g. 002');

export const statFigureParams = z.strictObject({ figure: z.enum(STAT_FIGURES) });
export const statQuery = z.strictObject({
  kind: z.enum(STAT_KINDS).default('voluntary_return'),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  /** The year of the monthly figure (the latest year with returns when absent). */
  year: year.optional(),
  officeId: uuid.optional(),
  hostCountry: countryCode.optional(),
  originCountry: countryCode.optional(),
  /** An M49 region, sub-region or intermediate region of the country of origin. */
  originRegion: m49.optional(),
  projectId: uuid.optional(),
  /** A donor by name: the returns of the projects it funds (any share). */
  donor: z.string().trim().min(1).max(200).optional(),
  sex: z.enum(STAT_SEXES).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  /** How many countries the top lists and the matrix name before "others". */
  top: z.coerce.number().int().min(1).max(300).default(10),
});

// ---- Answers ----
const count = z.object({
  /** Null when withheld. */
  value: z.number().int().nullable(),
  withheld: z.enum(WITHHELD).nullable(),
});
export const statCell = count.extend({ key: z.string() });
export const statRow = statCell.extend({ cells: z.array(statCell).optional() });
export const statFigureView = z.object({
  figure: z.enum(STAT_FIGURES),
  kind: z.enum(STAT_KINDS),
  /** Whether small counts are withheld for this viewer (who may not open every case counted). */
  controlled: z.boolean(),
  /** The year of a monthly figure. */
  year: z.number().int().nullable(),
  rows: z.array(statRow),
  /** The columns of a two-way figure, with their totals. */
  columns: z.array(statCell).nullable(),
  total: count,
  /** Names of the rows where the keys are ids (budget lines: code and name). */
  labels: z.record(z.string(), z.string()).optional(),
});
export type StatFigureView = z.input<typeof statFigureView>;
export type StatQuery = z.input<typeof statQuery>;

// ---- Exports ----
/** The files a figure is exported as: CSV, an Excel workbook, or CSV with HXL hashtags. */
export const STAT_EXPORT_FORMATS = ['csv', 'xlsx', 'hxl'] as const;
export type StatExportFormat = (typeof STAT_EXPORT_FORMATS)[number];
/** The figure's filters, the format and, optionally, the language of the headings (the user's by default). */
export const statExportQuery = statQuery.extend({
  format: z.enum(STAT_EXPORT_FORMATS),
  lang: z.enum(['en', 'fr', 'es', 'ar']).optional(),
});

/** What the dashboard's project and donor filters offer the reader. */
export const statFilterOptionsView = z.object({
  projects: z.array(z.object({ id: uuid, code: z.string(), name: z.string() })),
  donors: z.array(z.string()),
  offices: z.array(z.object({ id: uuid, name: z.string(), countryCode: z.string() })),
});
export type StatFilterOptionsView = z.infer<typeof statFilterOptionsView>;
