import { z } from 'zod';
import { countryCode, isoDate, uuid } from './common.js';
import { DIMENSIONS, NOT_REACHED_REASONS, VISIT_METHODS, VISIT_OUTCOMES, VISIT_STATUSES } from './monitoring.js';

/**
 * The programme's view of sustainability scores, and the monitoring outcome fed back to the
 * host office that counselled the returnee. Scores are exact decimal text with four decimals.
 */
const scoreText = z.string().regex(/^[01]\.\d{4}$/).nullable();

export const SCORE_GROUPINGS = ['country', 'project', 'cohort'] as const;
export type ScoreGrouping = (typeof SCORE_GROUPINGS)[number];

export const scoreSummaryQuery = z.strictObject({
  groupBy: z.enum(SCORE_GROUPINGS).default('country'),
  instrumentVersionId: uuid.optional(),
  dimension: z.enum(DIMENSIONS).optional(),
  country: countryCode.optional(),
  /** An M49 region, sub-region or intermediate region of the country of return. */
  originRegion: z.string().regex(/^\d{3}$/, 'An M49 region code, e.g. 002').optional(),
  projectId: uuid.optional(),
  /** A donor by name: the returnees of the projects it funds (any share). */
  donor: z.string().trim().min(1).max(200).optional(),
});
export type ScoreSummaryQuery = z.input<typeof scoreSummaryQuery>;

const statistic = z.object({ mean: scoreText, median: scoreText, n: z.number().int() });

export const scoreSummaryGroup = z.object({
  /** The country code, the project's id, or the arrival quarter ("2026-Q1"); null: not known. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  /** Returnees scored; null when withheld (1 to 4, for a viewer who may not open the cases). */
  count: z.number().int().nullable(),
  suppressed: z.boolean(),
  dimensions: z.array(statistic.extend({ key: z.enum(DIMENSIONS) })),
  composite: statistic.nullable(),
});
export type ScoreSummaryGroup = z.input<typeof scoreSummaryGroup>;

export const scoreSummaryVersion = z.object({ id: uuid, instrumentKey: z.string(), instrumentName: z.string(), number: z.number().int() });

export const scoreSummaryView = z.object({
  groupBy: z.enum(SCORE_GROUPINGS),
  /** The one version every score counted was computed under; null when no version has scores. */
  version: scoreSummaryVersion.nullable(),
  /** Published versions with scores, newest first: the versions one may choose. */
  versions: z.array(scoreSummaryVersion),
  dimensions: z.array(z.enum(DIMENSIONS)),
  /** Whether small counts are withheld for this viewer. */
  suppression: z.boolean(),
  groups: z.array(scoreSummaryGroup),
  /** Returnees counted in the groups shown (withheld counts are not added). */
  total: z.number().int(),
  /**
   * The monitoring history brought by the legacy import, under its own label: each case's latest
   * imported visit with the scores the old system gave (no instrument version computed them), never
   * added to the version's figures above.
   */
  imported: z.object({ sources: z.array(z.string()), groups: z.array(scoreSummaryGroup), total: z.number().int() }),
});
export type ScoreSummaryView = z.input<typeof scoreSummaryView>;

export const MONITORING_FEEDBACK_STATES = ['shared', 'not_consented', 'not_handed_over'] as const;

export const monitoringFeedbackView = z.object({
  caseId: uuid,
  state: z.enum(MONITORING_FEEDBACK_STATES),
  originOfficeName: z.string().nullable(),
  /** The case's stage (reintegration, monitoring, closed…), and whether it was lost to follow-up. */
  stage: z.string().nullable(),
  lostToFollowUp: z.boolean(),
  closed: z.boolean(),
  visits: z.array(z.object({
    id: uuid,
    slot: z.number().int(),
    plannedOn: isoDate,
    status: z.enum(VISIT_STATUSES),
    method: z.enum(VISIT_METHODS).nullable(),
    visitedOn: isoDate.nullable(),
    outcome: z.enum(VISIT_OUTCOMES).nullable(),
    notReachedReason: z.enum(NOT_REACHED_REASONS).nullable(),
    scores: z.array(z.object({
      versionId: uuid,
      versionNumber: z.number().int(),
      instrumentName: z.string(),
      dimensions: z.array(z.object({ key: z.enum(DIMENSIONS), score: scoreText })),
      composite: scoreText,
    })),
  })),
});
export type MonitoringFeedbackView = z.input<typeof monitoringFeedbackView>;
