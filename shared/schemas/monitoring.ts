import { z } from 'zod';
import { closed, countryCode, instant, isoDate, uuid } from './common.js';
import { LOCALES } from '../access.js';

/**
 * Monitoring of reintegration: the sustainability survey instrument as versioned data (dimensions,
 * indicators, questions with their scoring rules, weights, thresholds, triggers) and its scoring.
 * Scores and weights have at most four decimals; scoring itself is exact (`shared/monitoring`).
 */

export const DIMENSIONS = ['economic', 'social', 'psychosocial'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const ANSWER_TYPES = ['single_choice', 'multi_choice', 'number', 'yes_no'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const TRIGGER_KINDS = ['dimension_below_threshold', 'answer_equals'] as const;
export const TRIGGER_ACTIONS = ['follow_up_task', 'referral'] as const;
export type TriggerAction = (typeof TRIGGER_ACTIONS)[number];
export const INSTRUMENT_STATUSES = ['draft', 'published'] as const;

/** At most four decimals, checked on the decimal text so that 0.1 + float noise is not refused. */
const fourDecimals = (n: number) => Number.isFinite(n) && /^-?\d+(\.\d{1,4})?$/.test(n.toFixed(10).replace(/0+$/, '').replace(/\.$/, ''));
/** A score: 0 to 1, at most four decimals. */
export const scoreValue = z.number().min(0).max(1).refine(fourDecimals, 'monitoring.issue.fourDecimals');
/** A weight: positive, at most four decimals. */
export const weightValue = z.number().positive().max(1000).refine(fourDecimals, 'monitoring.issue.fourDecimals');
const key = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, 'monitoring.issue.key');
const text = z.string().trim().min(1).max(500);
/** A text in each of the four languages of Homeward, none missing. */
export const localized = z.strictObject(Object.fromEntries(LOCALES.map((l) => [l, text])) as Record<(typeof LOCALES)[number], typeof text>);
export type Localized = z.infer<typeof localized>;

export const optionSchema = z.strictObject({ key, label: localized, score: scoreValue });
/** A band of a number answer: from `min` (included) up to `max` (excluded; null: no upper end). */
export const bandSchema = z.strictObject({ min: z.number().int().min(0).max(1_000_000_000), max: z.number().int().min(1).max(1_000_000_000).nullable(), score: scoreValue });
export const questionSchema = z.strictObject({
  key,
  type: z.enum(ANSWER_TYPES),
  label: localized,
  /** Choices with their score (yes_no: exactly `yes` and `no`). */
  options: z.array(optionSchema).max(30).default([]),
  /** Number answers: the score of each band. */
  bands: z.array(bandSchema).max(30).default([]),
});
export type Question = z.infer<typeof questionSchema>;
export const indicatorSchema = z.strictObject({ key, dimension: z.enum(DIMENSIONS), label: localized, weight: weightValue, questions: z.array(key).min(1).max(10) });
export type Indicator = z.infer<typeof indicatorSchema>;
export const dimensionSchema = z.strictObject({ key: z.enum(DIMENSIONS), weight: weightValue, threshold: scoreValue });
export const triggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ key, kind: z.literal('dimension_below_threshold'), dimension: z.enum(DIMENSIONS), action: z.enum(TRIGGER_ACTIONS), label: localized }),
  z.strictObject({ key, kind: z.literal('answer_equals'), question: key, option: key, action: z.enum(TRIGGER_ACTIONS), label: localized }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

function issue(ctx: z.RefinementCtx, path: (string | number)[], message: string) {
  ctx.addIssue({ code: 'custom', path, message });
}
function uniqueKeys(ctx: z.RefinementCtx, items: { key: string }[], path: (string | number)[]) {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.key)) issue(ctx, [...path, i, 'key'], 'monitoring.issue.duplicateKey');
    seen.add(it.key);
  });
}

/** An instrument's definition, with the rules that tie its parts together checked field by field. */
export const definitionSchema = z
  .strictObject({
    dimensions: z.array(dimensionSchema).length(DIMENSIONS.length),
    indicators: z.array(indicatorSchema).min(1).max(60),
    questions: z.array(questionSchema).min(1).max(120),
    triggers: z.array(triggerSchema).max(30).default([]),
  })
  .superRefine((d, ctx) => {
    uniqueKeys(ctx, d.dimensions, ['dimensions']);
    uniqueKeys(ctx, d.indicators, ['indicators']);
    uniqueKeys(ctx, d.questions, ['questions']);
    uniqueKeys(ctx, d.triggers, ['triggers']);
    const questions = new Map(d.questions.map((q) => [q.key, q]));
    const usedBy = new Map<string, number>();
    d.indicators.forEach((ind, i) => {
      ind.questions.forEach((qk, j) => {
        if (!questions.has(qk)) issue(ctx, ['indicators', i, 'questions', j], 'monitoring.issue.unknownQuestion');
        else if (usedBy.has(qk)) issue(ctx, ['indicators', i, 'questions', j], 'monitoring.issue.questionTwice');
        usedBy.set(qk, i);
      });
    });
    d.questions.forEach((q, i) => {
      if (!usedBy.has(q.key)) issue(ctx, ['questions', i, 'key'], 'monitoring.issue.questionUnused');
      uniqueKeys(ctx, q.options, ['questions', i, 'options']);
      if (q.type === 'number') {
        if (q.options.length) issue(ctx, ['questions', i, 'options'], 'monitoring.issue.numberOptions');
        if (!q.bands.length) issue(ctx, ['questions', i, 'bands'], 'monitoring.issue.bandsRequired');
        const sorted = q.bands.map((b, j) => ({ ...b, j })).sort((a, b) => a.min - b.min);
        sorted.forEach((b, n) => {
          if (b.max !== null && b.max <= b.min) issue(ctx, ['questions', i, 'bands', b.j, 'max'], 'monitoring.issue.bandEmpty');
          const next = sorted[n + 1];
          if (next && (b.max === null || b.max > next.min)) issue(ctx, ['questions', i, 'bands', next.j, 'min'], 'monitoring.issue.bandOverlap');
        });
      } else {
        if (q.bands.length) issue(ctx, ['questions', i, 'bands'], 'monitoring.issue.choiceBands');
        if (q.type === 'yes_no') {
          const keys = q.options.map((o) => o.key).sort().join(',');
          if (keys !== 'no,yes') issue(ctx, ['questions', i, 'options'], 'monitoring.issue.yesNo');
        } else if (q.options.length < 2) issue(ctx, ['questions', i, 'options'], 'monitoring.issue.optionsRequired');
      }
    });
    d.triggers.forEach((t, i) => {
      if (t.kind !== 'answer_equals') return;
      const q = questions.get(t.question);
      if (!q) issue(ctx, ['triggers', i, 'question'], 'monitoring.issue.unknownQuestion');
      else if (!q.options.some((o) => o.key === t.option)) issue(ctx, ['triggers', i, 'option'], 'monitoring.issue.unknownOption');
    });
  });
export type Definition = z.infer<typeof definitionSchema>;
export type DefinitionInput = z.input<typeof definitionSchema>;

/** An answer: an option key (single choice, yes/no), option keys (multiple choice), a whole number, or nothing. */
export const answerValue = z.union([z.string().max(40), z.array(z.string().max(40)).max(30), z.number().int().min(0).max(1_000_000_000), z.null()]);
export const answersSchema = z.record(z.string().max(40), answerValue).refine((a) => Object.keys(a).length <= 200, 'monitoring.issue.tooManyAnswers');
export type Answers = z.infer<typeof answersSchema>;

export const instrumentParams = z.strictObject({ instrumentId: uuid });
export const versionParams = z.strictObject({ versionId: uuid });
/** A new draft: this definition, or (none given) a copy of the latest version. */
export const createDraftBody = z.strictObject({ definition: definitionSchema.optional(), provisionalWeights: z.boolean().optional() });
export const updateDraftBody = z.strictObject({ definition: definitionSchema, provisionalWeights: z.boolean() });
export const scoreBody = z.strictObject({ answers: answersSchema });

// ---- Answers ----
export const instrumentVersionSummary = z.object({
  id: uuid,
  number: z.number().int(),
  status: closed(INSTRUMENT_STATUSES),
  provisionalWeights: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
  publishedAt: instant.nullable(),
  publishedByName: z.string().nullable(),
  version: z.number().int(),
});
export const instrumentView = z.object({
  id: uuid,
  key: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  versions: z.array(instrumentVersionSummary),
});
export const instrumentList = z.object({ items: z.array(instrumentView) });
export const instrumentVersionView = instrumentVersionSummary.extend({
  instrumentId: uuid,
  instrumentKey: z.string(),
  instrumentName: z.string(),
  definition: definitionSchema,
});
export type InstrumentVersionView = z.input<typeof instrumentVersionView>;
export type InstrumentView = z.input<typeof instrumentView>;

/** A score as exact decimal text with four decimals ("0.6667"), or null when nothing was answered. */
const scoreText = z.string().regex(/^[01]\.\d{4}$/).nullable();
export const scoreResultSchema = z.object({
  indicators: z.array(z.object({ key: z.string(), dimension: z.enum(DIMENSIONS), score: scoreText, answered: z.number().int() })),
  dimensions: z.array(z.object({ key: z.enum(DIMENSIONS), score: scoreText, belowThreshold: z.boolean() })),
  composite: scoreText,
  triggers: z.array(z.object({ key: z.string(), action: z.enum(TRIGGER_ACTIONS) })),
});
export type ScoreResult = z.infer<typeof scoreResultSchema>;
export const scoreView = scoreResultSchema.extend({ versionId: uuid, versionNumber: z.number().int() });

// ---- Schedules, visits, follow-ups, re-scoring, worklists ----
export const SCHEDULE_ANCHORS = ['arrival', 'last_disbursement'] as const;
export const VISIT_METHODS = ['on_site', 'phone', 'office', 'documents'] as const;
export const VISIT_OUTCOMES = ['reached', 'not_reached', 'refused', 'moved', 'remigrated', 'deceased'] as const;
export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];
export const NOT_REACHED_REASONS = ['no_answer', 'wrong_contact', 'not_at_address', 'unsafe_to_visit', 'other'] as const;
export const COMPONENT_USES = ['in_use', 'partially', 'not_in_use', 'sold'] as const;
export const VISIT_STATUSES = ['planned', 'recorded', 'cancelled'] as const;
/** The schedule when a project has none: 3, 6 and 12 months after arrival. */
export const DEFAULT_SCHEDULE = { anchor: 'arrival', offsetsMonths: [3, 6, 12] } as const;
/** Not reached this many times in a row: the case is lost to follow-up. */
export const LOST_AFTER_NOT_REACHED = 3;

const offsets = z.array(z.number().int().min(0).max(60)).min(1).max(12)
  .refine((o) => o.every((m, i) => i === 0 || m > o[i - 1]!), 'monitoring.issue.offsetsAscending');
export const projectScheduleBody = z.strictObject({ anchor: z.enum(SCHEDULE_ANCHORS), offsetsMonths: offsets });
export const caseScheduleBody = z.strictObject({
  anchor: z.enum(SCHEDULE_ANCHORS),
  anchorDate: isoDate,
  offsetsMonths: offsets,
  reason: z.string().trim().min(1).max(2000),
});
export const recordVisitBody = z.strictObject({
  method: z.enum(VISIT_METHODS),
  visitedOn: isoDate,
  outcome: z.enum(VISIT_OUTCOMES),
  notReachedReason: z.enum(NOT_REACHED_REASONS).optional(),
  componentUse: z.array(z.strictObject({ componentKey: z.string().min(1).max(100), use: z.enum(COMPONENT_USES) })).max(50).default([]),
  sensitiveNotes: z.string().trim().min(1).max(10_000).optional(),
  nextSteps: z.string().trim().min(1).max(4000).optional(),
  instrumentVersionId: uuid.optional(),
  answers: answersSchema.optional(),
}).superRefine((b, ctx) => {
  if (b.outcome === 'not_reached' && !b.notReachedReason) ctx.addIssue({ code: 'custom', path: ['notReachedReason'], message: 'monitoring.issue.notReachedReason' });
  if (b.outcome !== 'not_reached' && b.notReachedReason) ctx.addIssue({ code: 'custom', path: ['notReachedReason'], message: 'monitoring.issue.onlyNotReached' });
  if ((b.answers === undefined) !== (b.instrumentVersionId === undefined)) ctx.addIssue({ code: 'custom', path: ['instrumentVersionId'], message: 'monitoring.issue.answersNeedVersion' });
  if (b.answers && b.outcome !== 'reached') ctx.addIssue({ code: 'custom', path: ['answers'], message: 'monitoring.issue.answersOnlyReached' });
  const keys = b.componentUse.map((c) => c.componentKey);
  if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['componentUse'], message: 'monitoring.issue.duplicateComponent' });
});
export type RecordVisitBody = z.input<typeof recordVisitBody>;
export const rescoreVisitBody = z.strictObject({ instrumentVersionId: uuid });
export const rescoreJobBody = z.strictObject({ fromVersionId: uuid, toVersionId: uuid, country: countryCode.optional(), projectId: uuid.optional() });
export const closeCaseBody = z.strictObject({ summary: z.string().trim().min(1).max(4000) });
export const worklistQuery = z.strictObject({ scope: z.enum(['mine', 'office']).default('mine') });
export const caseParams = z.strictObject({ caseId: uuid });
export const visitParams = z.strictObject({ visitId: uuid });
export const projectParams = z.strictObject({ projectId: uuid });
export const jobParams = z.strictObject({ jobId: uuid });

export const projectScheduleView = z.object({
  projectId: uuid, anchor: closed(SCHEDULE_ANCHORS), offsetsMonths: z.array(z.number().int()), isDefault: z.boolean(), version: z.number().int(), id: uuid,
});
export const visitScoreView = scoreResultSchema.extend({ versionId: uuid, versionNumber: z.number().int(), instrumentKey: z.string(), computedAt: instant, rescored: z.boolean() });
export type VisitScoreView = z.input<typeof visitScoreView>;
export const importedScoreView = z.object({
  source: z.string(),
  composite: z.string().nullable(),
  dimensions: z.array(z.object({ key: z.enum(DIMENSIONS), score: z.string().nullable() })),
});
export type ImportedScoreView = z.input<typeof importedScoreView>;
export const visitView = z.object({
  id: uuid,
  caseId: uuid,
  slot: z.number().int(),
  offsetMonths: z.number().int(),
  plannedOn: isoDate,
  status: closed(VISIT_STATUSES),
  officerId: uuid.nullable(),
  officerName: z.string().nullable(),
  method: closed(VISIT_METHODS).nullable(),
  visitedOn: isoDate.nullable(),
  outcome: closed(VISIT_OUTCOMES).nullable(),
  notReachedReason: closed(NOT_REACHED_REASONS).nullable(),
  componentUse: z.array(z.object({ componentKey: z.string(), use: closed(COMPONENT_USES) })),
  /** Absent for those who may not read sensitive notes. */
  sensitiveNotes: z.string().nullable().optional(),
  nextSteps: z.string().nullable(),
  instrumentVersionId: uuid.nullable(),
  /** Answers and scores: absent for those without `monitoring.score.read` (a manager closing the case). */
  answers: answersSchema.nullable().optional(),
  recordedByName: z.string().nullable(),
  recordedAt: instant.nullable(),
  scores: z.array(visitScoreView).optional(),
  /** The system a visit of the imported monitoring history comes from; null for a visit recorded in Homeward. */
  legacySource: z.string().nullable().optional(),
  /** An imported visit's scores as the old system gave them (0..1), under no instrument version: to score readers only. */
  importedScore: importedScoreView.nullable().optional(),
  version: z.number().int(),
});
export type VisitView = z.input<typeof visitView>;
export const FOLLOW_UP_STATUSES = ['open', 'done'] as const;
export const followUpView = z.object({
  id: uuid, caseId: uuid, visitId: uuid, kind: closed(TRIGGER_ACTIONS), triggerKey: z.string(), label: localized, ownerId: uuid, ownerName: z.string(), dueOn: isoDate,
  status: closed(FOLLOW_UP_STATUSES), createdAt: instant,
  doneAt: instant.nullable(), doneByName: z.string().nullable(), outcomeNote: z.string().nullable(),
  referredProviderId: uuid.nullable(), referredProviderName: z.string().nullable(), protectionMeasure: z.string().nullable(), dueChangeReason: z.string().nullable(),
  version: z.number().int(),
});
export type FollowUpView = z.input<typeof followUpView>;
export const caseMonitoringView = z.object({
  id: uuid,
  caseId: uuid,
  stage: z.string(),
  anchor: closed(SCHEDULE_ANCHORS),
  anchorDate: isoDate,
  offsetsMonths: z.array(z.number().int()),
  source: closed(['project', 'default', 'changed', 'imported'] as const),
  changeReason: z.string().nullable(),
  lostToFollowUpAt: instant.nullable(),
  closingSummary: z.string().nullable(),
  canClose: z.boolean(),
  components: z.array(z.object({ componentKey: z.string(), type: z.string() })),
  visits: z.array(visitView),
  followUps: z.array(followUpView),
  version: z.number().int(),
});
export type CaseMonitoringView = z.input<typeof caseMonitoringView>;
export const worklistItem = z.object({
  visitId: uuid, caseId: uuid, caseNumber: z.string(), plannedOn: isoDate, slot: z.number().int(), officerId: uuid.nullable(), officerName: z.string().nullable(),
  overdue: z.boolean(), lostToFollowUp: z.boolean(),
});
export type WorklistItem = z.input<typeof worklistItem>;
/** An open follow-up on the worklist: by case reference, with its owner and due date. */
export const worklistFollowUp = z.object({
  id: uuid, caseId: uuid, caseNumber: z.string(), kind: closed(TRIGGER_ACTIONS), label: localized, ownerId: uuid, ownerName: z.string(), dueOn: isoDate, overdue: z.boolean(), version: z.number().int(),
});
export type WorklistFollowUp = z.input<typeof worklistFollowUp>;
export const worklistView = z.object({
  today: isoDate,
  dueThisWeek: z.array(worklistItem),
  overdue: z.array(worklistItem),
  /** Open follow-ups due within the week or overdue, overdue oldest first. */
  followUps: z.array(worklistFollowUp),
  byOfficer: z.array(z.object({ officerId: uuid.nullable(), officerName: z.string().nullable(), dueThisWeek: z.number().int(), overdue: z.number().int() })),
});
export type WorklistView = z.input<typeof worklistView>;
export const rescoreJobView = z.object({
  id: uuid, fromVersionId: uuid, toVersionId: uuid, country: z.string().nullable(), projectId: uuid.nullable(), status: closed(['queued', 'running', 'done', 'failed'] as const),
  total: z.number().int(), done: z.number().int(), refused: z.number().int(), createdAt: instant, finishedAt: instant.nullable(),
});
export type RescoreJobView = z.input<typeof rescoreJobView>;

// ---- Offline work: the pack of visits to take along, and the records made without a connection ----
/** How many days ahead the offline pack reaches (overdue visits are always in it). */
export const OFFLINE_PACK_DAYS = 31;
export const offlinePackQuery = z.strictObject({ scope: z.enum(['mine', 'office']).default('mine') });
export const offlineVisitView = z.object({
  visitId: uuid,
  /** The visit's version when downloaded: the offline record is applied only if it is still the same. */
  version: z.number().int(),
  caseId: uuid,
  caseNumber: z.string(),
  plannedOn: isoDate,
  slot: z.number().int(),
  overdue: z.boolean(),
  officerName: z.string().nullable(),
  returneeName: z.string(),
  countryOfReturn: z.string(),
  /** Where the returnee arrived (the arrival's place), when recorded. */
  place: z.string().nullable(),
  components: z.array(z.object({ componentKey: z.string(), type: z.string() })),
});
export type OfflineVisitView = z.input<typeof offlineVisitView>;
export const offlinePackView = z.object({
  downloadedAt: instant,
  userId: uuid,
  /** The latest published version of the built-in instrument, to fill the survey offline. */
  instrumentVersion: z.object({ id: uuid, number: z.number().int(), instrumentName: z.string(), definition: definitionSchema }).nullable(),
  visits: z.array(offlineVisitView),
});
export type OfflinePackView = z.input<typeof offlinePackView>;
export const offlineRecordBody = z.strictObject({
  /** Made by the browser when the record was first saved offline; the same id for every retry. */
  clientId: uuid,
  /** The visit's version the record was based on (the download's, or the server's after a conflict). */
  baseVersion: z.number().int().min(1).max(2_147_483_647),
  /** A record merged field by field after a conflict: it replaces the visit's recorded values. */
  merged: z.boolean().default(false),
  record: recordVisitBody,
});
export type OfflineRecordBody = z.input<typeof offlineRecordBody>;
export const offlineRecordResult = z.object({
  clientId: uuid,
  visitId: uuid,
  caseId: uuid,
  status: closed(['applied'] as const),
  visitVersion: z.number().int(),
  receivedAt: instant,
  /** True when this answer is the stored one of an earlier upload of the same record. */
  replayed: z.boolean(),
});
export type OfflineRecordResult = z.input<typeof offlineRecordResult>;
/** What a conflict (409 `MONITORING_OFFLINE_CONFLICT`) says in `details`: the server's visit and the offline record. */
export interface OfflineConflictDetails {
  visitId: string;
  currentVersion: number;
  server: Pick<VisitView, 'status' | 'method' | 'visitedOn' | 'outcome' | 'notReachedReason' | 'componentUse' | 'sensitiveNotes' | 'nextSteps' | 'instrumentVersionId' | 'answers' | 'recordedByName' | 'recordedAt'>;
  offline: RecordVisitBody;
}
// ---- Follow-ups done, reassigned, rescheduled; the arrival assessment ----
export const followUpParams = z.strictObject({ followUpId: uuid });
const note = z.string().trim().min(1).max(4000);
export const completeFollowUpBody = z.strictObject({
  outcomeNote: note,
  /** A referral: the provider referred to, from the registry… */
  referredProviderId: uuid.optional(),
  /** …or the protection measure taken. */
  protectionMeasure: z.string().trim().min(1).max(500).optional(),
});
export type CompleteFollowUpBody = z.input<typeof completeFollowUpBody>;
export const reassignFollowUpBody = z.strictObject({ ownerId: uuid });
export const rescheduleFollowUpBody = z.strictObject({ dueOn: isoDate, reason: note });
export const followUpOfficersView = z.object({ items: z.array(z.object({ id: uuid, name: z.string() })) });

export const arrivalAssessmentBody = z.strictObject({
  assessedOn: isoDate,
  instrumentVersionId: uuid,
  answers: answersSchema,
});
export type ArrivalAssessmentBody = z.input<typeof arrivalAssessmentBody>;
export const replaceArrivalAssessmentBody = arrivalAssessmentBody.extend({ reason: note });
export const arrivalAssessmentView = z.object({
  id: uuid,
  caseId: uuid,
  assessedOn: isoDate,
  instrumentVersionId: uuid,
  versionNumber: z.number().int(),
  /** Answers and scores: absent for those without `monitoring.score.read` or `reintegration.plan`. */
  answers: answersSchema.optional(),
  scores: scoreResultSchema.optional(),
  /** The scored dimension with the lowest score (ties: the first in the instrument's order), for the plan to answer. */
  weakestDimension: z.enum(DIMENSIONS).nullable().optional(),
  recordedByName: z.string(),
  recordedAt: instant,
  replaceReason: z.string().nullable(),
  version: z.number().int(),
});
export type ArrivalAssessmentView = z.input<typeof arrivalAssessmentView>;
/** The case's arrival assessment, or none yet. */
export const caseArrivalAssessment = z.object({
  assessment: arrivalAssessmentView.nullable(),
  canRecord: z.boolean(),
  /** For those who may record it: the latest published version of the built-in instrument, to answer. */
  survey: instrumentVersionView.nullable(),
});
export const arrivalAssessmentParams = z.strictObject({ assessmentId: uuid });
export type CaseArrivalAssessment = z.input<typeof caseArrivalAssessment>;
