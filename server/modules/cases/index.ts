/** Cases and households: registration, search, duplicates, stages, notes, attachments, history, exports of the list. */
import type { JobDefinition } from '../../platform/jobs.js';
import { CASE_EXPORT_PURGE_QUEUE, CASE_EXPORT_QUEUE, purgeCaseExports, runCaseExport, type CaseExportJobDeps } from './run-case-export.js';
import { BREAK_GLASS_MAIL_QUEUE, BREAK_GLASS_MAIL_SWEEP_QUEUE, breakGlassMailJob, sweepBreakGlassMails, type BreakGlassMailSettings } from './break-glass-mail.js';
import { RETENTION_DAILY_QUEUE, RETENTION_RUN_QUEUE, runRetention, runScheduledRetention } from './run-retention.js';

export { caseRoutes } from './cases.routes.js';
/** Registers a household; the demo data and the benchmark call it like the API does. */
export { registerCase } from './register-case.js';
/** Moves a case along the workflow. */
export { transitionCase, moveCase, canMove, checkAdmittedBeforeAssistance } from './transition-case.js';
/** One case in the actor's scope (404 otherwise), its members, and the scope condition on `return_case AS c`. */
export { findCase, loadMembers, type CaseRow } from './cases.repo.js';
/** Who travels: the decisions module's rule, written through the cases module. */
export { setMemberTravelling } from './cases.repo.js';
export { caseScope, scopeCondition } from './cases.policy.js';
/** Staff assigned to a case (they see it when it is restricted): the only writers of `case_assignment`. */
export { assignCaseStaff, unassignCaseStaff, caseAssignments, assignedToCase } from './case-assignments.js';
/** Reads a case as an actor sees it, without auditing (after writes). */
export { readCase } from './open-case.js';
export { addNote } from './add-note.js';
/** Attaches a file to a case (the demo data attaches signed declarations with it). */
export { addAttachment } from './add-attachment.js';
export { TRANSITIONS, transitionsFrom, initialStage, PRE_DEPARTURE_STAGES, type CaseAction } from './case-workflow.js';
/** The stage preconditions of other capabilities' actions (`stageAllows('decision.record', c)`), and whether a returnee has departed. */
export { ACTION_STAGES, stageAllows, hasDeparted, AFTER_DEPARTURE_STAGES, type StagedAction } from './case-workflow.js';
/** Lock the case, check its version, run the change, bump the version: the one way other modules change a case. */
export { changeCase, takeCaseAtOrigin, type CaseChange, type CaseChangeTarget, type CaseFields } from './change-case.js';
/** Sniffs a file's type from its bytes against the allow-list of attachments (other libraries of files reuse it). */
export { sniffContentType } from './attachments.repo.js';
/** Whether a file is an attachment of a case the actor found: for records that refer to one (a medical certificate, a receipt). */
export { isCaseAttachment } from './attachments.repo.js';
/** Who reads a case as its origin office, and what the returnee consented to share with that office. */
export { caseAudience } from './cases.policy.js';
/**
 * The one field policy: which field groups (legal status, health information, health records,
 * sensitive notes) the actor sees of a case found with `findCase`. Presenters leave the others out.
 */
export { caseFieldPolicy, fieldPolicy, vulnerabilityDetailsVisible, type CaseFieldPolicy } from './field-policy.js';
export type { OriginSharing } from './origin-sharing.js';
/**
 * Ports through which modules that import cases give it what it needs to present a case: the
 * consent to share (handover) and which attachments are medical certificates (protection).
 * `server/compose.ts` connects them.
 */
export { provideOriginSharing, type OriginSharingReader } from './origin-sharing.js';
export { provideMedicalCertificates, type MedicalCertificatesReader } from './medical-certificates.js';
/**
 * What an audit reader sees of an entry's values: only what they may read of its case right now
 * (scope, restriction, sensitive rights, origin-office consent); otherwise the changed field names.
 */
export { caseFieldAccess, auditValuesView, openAuditValues, type CaseFieldAccess, type AuditValuesView } from './audit-values.js';
/** Sensitive notes are sealed for the principal applicant; the handover package opens them. */
export { openNoteBody } from './note-sealing.js';
/**
 * Crypto-shredding (`platform/person-keys.ts`): erasure calls `destroyPersonKey(trx, personId, now)`
 * in its transaction; every value sealed for the person (health records, vulnerability details,
 * sensitive notes of cases they are the principal applicant of, and their audit copies) then reads
 * as the erased marker. `sealClearValues` is the job that seals values stored before migration 0063.
 */
export { destroyPersonKey } from '../../platform/person-keys.js';
export { sealClearSensitiveNotes } from './note-sealing.js';
export { documentNumberIndex, reindexDocumentNumbers, sealClearIdentityDocumentNumbers } from './document-numbers.js';
/** The case module's error codes that other modules raise too (a person, an attachment, the admission date). */
export { errors as caseErrors } from './cases.errors.js';
/** Search, stage counts and the duplicate warning, as the API answers them (the benchmark times them). */
export { searchCases, stageCounts } from './search-cases.js';
export { findDuplicates } from './find-duplicates.js';
/** Writes a batch of staged legacy households (the imports module's rows) into the cases tables, set-based. */
export { deferImportStatistics, freshImportRows, importHouseholds, refreshImportedStatistics, setImportedRestrictions, type ImportBatch } from './import-households.js';
/** Exports of the case list: the job that writes one (tests run it directly) and the hourly purge of expired files. */
export { runCaseExport, purgeCaseExports, CASE_EXPORT_QUEUE, type CaseExportJobDeps } from './run-case-export.js';
/** Retention rules: a run of one (a dry run is sent by its route; tests run it directly) and the daily real run of every approved, enabled rule. */
export { runRetention, runScheduledRetention, RETENTION_RUN_QUEUE, RETENTION_DAILY_QUEUE } from './run-retention.js';
/** The e-mail to the data-protection officers about a break-glass grant (tests run it directly). */
export { sendBreakGlassMails, sweepBreakGlassMails, breakGlassMail, BREAK_GLASS_MAIL_QUEUE, BREAK_GLASS_MAIL_SWEEP_QUEUE, type BreakGlassMailSettings } from './break-glass-mail.js';
export const CASES_QUEUES = [CASE_EXPORT_QUEUE, CASE_EXPORT_PURGE_QUEUE, RETENTION_RUN_QUEUE, RETENTION_DAILY_QUEUE, BREAK_GLASS_MAIL_QUEUE, BREAK_GLASS_MAIL_SWEEP_QUEUE] as const;
export const caseJobs = (deps: CaseExportJobDeps & { breakGlassMail?: BreakGlassMailSettings | null; log?: (m: string) => void }): JobDefinition[] => [
  { queue: CASE_EXPORT_QUEUE, handler: async (data) => void (await runCaseExport((data as { exportId: string }).exportId, deps)) },
  { queue: CASE_EXPORT_PURGE_QUEUE, cron: '41 * * * *', handler: async () => void (await purgeCaseExports(deps)) },
  { queue: RETENTION_RUN_QUEUE, handler: async (data) => void (await runRetention((data as { runId: string }).runId, deps)) },
  // Daily at 02:37 UTC, outside working hours.
  { queue: RETENTION_DAILY_QUEUE, cron: '37 2 * * *', handler: async () => void (await runScheduledRetention(deps)) },
  // One per break-glass grant; a refused send fails it, and the queue retries it.
  { queue: BREAK_GLASS_MAIL_QUEUE, handler: async (data) => breakGlassMailJob((data as { grantId: string }).grantId, { db: deps.db, clock: deps.clock, mail: deps.breakGlassMail, log: deps.log }) },
  { queue: BREAK_GLASS_MAIL_SWEEP_QUEUE, cron: '*/15 * * * *', handler: async () => void (await sweepBreakGlassMails({ db: deps.db, clock: deps.clock, mail: deps.breakGlassMail, log: deps.log })) },
];
/** Break-glass grants a data-protection officer has not reviewed yet, for their queue. */
export { breakGlassToReview } from './break-glass.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { casesSubjectRecords } from './subject-records.js';
