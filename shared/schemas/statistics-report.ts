import { z } from 'zod';
import { LOCALES } from '../reference/locale.js';
import { countryCode, uuid } from './common.js';
import { AGE_BANDS, STAT_KINDS, STAT_SEXES } from './statistics.js';

/**
 * The annual report of the programme statistics as a PDF, made in the background for the user who
 * asks, in their scope, with the dashboard's filters, in one of the four languages.
 */
export const STAT_REPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

const year = z.number().int().min(1950).max(2100);

export const statReportBody = z.strictObject({
  /** One year; or `yearFrom` and `yearTo` for a range. The current year when none is given. */
  year: year.optional(),
  yearFrom: year.optional(),
  yearTo: year.optional(),
  kind: z.enum(STAT_KINDS).default('voluntary_return'),
  officeId: uuid.optional(),
  hostCountry: countryCode.optional(),
  originCountry: countryCode.optional(),
  originRegion: z.string().regex(/^\d{3}$/, 'An M49 region code, e.g. 002').optional(),
  projectId: uuid.optional(),
  donor: z.string().trim().min(1).max(200).optional(),
  sex: z.enum(STAT_SEXES).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  /** The language of the PDF; the user's own by default. */
  language: z.enum(LOCALES).optional(),
});
export type StatReportBody = z.input<typeof statReportBody>;

/** The filters a report keeps (codes only, never personal data). */
export const statReportFilters = statReportBody.omit({ year: true, yearFrom: true, yearTo: true, language: true });

export const statReportView = z.object({
  id: uuid,
  status: z.enum(STAT_REPORT_STATUSES),
  yearFrom: z.number().int(),
  yearTo: z.number().int(),
  kind: z.enum(STAT_KINDS),
  language: z.enum(LOCALES),
  /** Figures read so far, of all the report holds. */
  figuresDone: z.number().int(),
  figuresTotal: z.number().int(),
  errorCode: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string(),
  /** Past `expiresAt`: the PDF is gone (the download answers 410). */
  expired: z.boolean(),
});
export type StatReportView = z.infer<typeof statReportView>;
export const statReportList = z.object({ items: z.array(statReportView) });
