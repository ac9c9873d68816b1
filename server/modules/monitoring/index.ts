/**
 * Monitoring of reintegration: the sustainability survey instrument as versioned data and its
 * exact scoring (the scoring itself is `shared/monitoring`, shared with the web app).
 */
export { monitoringRoutes } from './monitoring.routes.js';
export { monitoringProgrammeRoutes } from './programme.routes.js';
/** Creates the built-in instrument at start, like the built-in roles. */
export { ensureDefaultInstrument } from './ensure-default-instrument.js';
/** Scores answers under a definition, refusing answers that do not fit (a visit's scores, later). */
export { scoreOrRefuse } from './score-answers.js';
/** Use cases the demo data calls like the API does. */
export { createInstrumentDraft } from './create-instrument-draft.js';
export { publishInstrumentVersion } from './publish-instrument-version.js';
/** Schedules: made when the plan moves a case into reintegration or monitoring (`server/compose.ts` hooks it). */
export { scheduleOnPlanMove } from './schedule-hook.js';
/** Background jobs: reminders of due visits (daily) and cohort re-scorings; `server/jobs.ts` composes them. */
export { monitoringJobs, MONITORING_QUEUES } from './monitoring.jobs.js';
export { sendMonitoringReminders } from './reminders.js';
export { requestRescore, runRescoreJobs } from './rescore-jobs.js';
export { sendReminderMails, reminderMail, type ReminderMailSettings } from './reminder-mail.js';
/** The officer's visit reminders, for the notifications module. */
export { visitRemindersFor } from './reminders.js';
/** Use cases the demo data calls like the API does. */
export { recordVisit } from './record-visit.js';
export { getCaseMonitoring } from './get-case-monitoring.js';
/** The legacy import's writer of a programme's monitoring history (visits with their scores as given). */
export { importVisitRows } from './import-visits.js';
export { sameSealedVisitNotes } from './visit-sealing.js';
/** The programme statistics' reads: coverage per milestone and the score summary (small groups withheld for those who open no case). */
export { milestoneCoverage } from './milestone-coverage.js';
export { scoreSummary } from './score-summary.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { monitoringSubjectRecords } from './subject-records.js';
/** The background sealing of sensitive visit notes stored in clear (before migration 0066, or by a legacy import). */
export { sealClearVisitNotes } from './visit-sealing.js';
