import type { Clock } from './platform/actor.js';
import type { Db } from './platform/db.js';
import { caseJobs, CASES_QUEUES, type BreakGlassMailSettings, sealClearIdentityDocumentNumbers, sealClearSensitiveNotes } from './modules/cases/index.js';
import { sealClearHealthRecords, sealClearMeasureNotes, sealClearVulnerabilityDetails } from './modules/protection/index.js';
import { sealClearSessionTexts } from './modules/counselling/index.js';
import { sealClearTravelDocumentNumbers } from './modules/travel/index.js';
import { importJobs, IMPORTS_QUEUES } from './modules/imports/index.js';
import { monitoringJobs, MONITORING_QUEUES, sealClearVisitNotes, type ReminderMailSettings } from './modules/monitoring/index.js';
import { statisticsJobs, STATISTICS_QUEUES } from './modules/statistics/index.js';
import { privacyJobs, PRIVACY_QUEUES } from './modules/privacy/index.js';
import type { FieldCipher } from './platform/crypto.js';
import { platformJobs, PLATFORM_QUEUES, type JobDefinition } from './platform/jobs.js';
import { backupJob, type ScheduledBackupSettings } from './platform/backup.js';

/**
 * Composition of the background jobs: every queue Homeward uses (created at migration time, see
 * `platform/jobs.ts`) and the handlers that work them. A module that needs background work adds
 * its queue names and definitions here.
 */
/** The job `main.ts` sends at every start (a singleton): seals the sensitive values stored in clear before migration 0063. */
export const SEAL_CLEAR_VALUES_QUEUE = 'platform.seal-clear-values';

export const ALL_QUEUES: readonly string[] = [...PLATFORM_QUEUES, ...MONITORING_QUEUES, ...IMPORTS_QUEUES, ...STATISTICS_QUEUES, ...CASES_QUEUES, ...PRIVACY_QUEUES, SEAL_CLEAR_VALUES_QUEUE];

/**
 * Seals what is still in clear, each module its own table (`platform/person-keys.ts`): health
 * records, vulnerability details, sensitive notes (migration 0063); counselling notes and next
 * steps, measure notes, sensitive visit notes, and travel document numbers still under the master
 * key alone (migration 0066); identity document numbers and their blind index (migration 0070). Idempotent: once done it finds nothing; it says how many values it sealed.
 */
export async function sealClearValues(db: Db, log: (m: string) => void = () => {}) {
  const sealed = {
    healthRecords: await sealClearHealthRecords(db),
    vulnerabilities: await sealClearVulnerabilityDetails(db),
    sensitiveNotes: await sealClearSensitiveNotes(db),
    counsellingTexts: await sealClearSessionTexts(db),
    measureNotes: await sealClearMeasureNotes(db),
    visitNotes: await sealClearVisitNotes(db),
    travelDocumentNumbers: await sealClearTravelDocumentNumbers(db),
    identityDocumentNumbers: await sealClearIdentityDocumentNumbers(db),
  };
  if (Object.values(sealed).some((n) => n > 0)) {
    log(`Sealed the values stored in clear: ${sealed.healthRecords} health records, ${sealed.vulnerabilities} vulnerabilities, ${sealed.sensitiveNotes} sensitive notes, `
      + `${sealed.counsellingTexts} counselling notes and next steps, ${sealed.measureNotes} measure notes, ${sealed.visitNotes} visit notes, ${sealed.travelDocumentNumbers} travel document numbers, `
      + `${sealed.identityDocumentNumbers} identity document numbers`);
  }
  return sealed;
}

export const allJobs = ({ db, readDb, clock, dataDir, mail, breakGlassMail, sessionIdleMinutes, backup, log, cipher }: {
  db: Db; readDb?: Db; clock: Clock; dataDir: string; cipher?: FieldCipher; mail?: ReminderMailSettings | null; breakGlassMail?: BreakGlassMailSettings | null;
  /** How long an unused session stays open: the hourly purge empties the single sign-on token of sessions idle longer. */
  sessionIdleMinutes?: number;
  backup?: ScheduledBackupSettings | null; log?: (m: string) => void;
}): JobDefinition[] => [
  ...platformJobs(db, clock, { sessionIdleMinutes }),
  backupJob(backup ?? null, log),
  ...monitoringJobs(db, clock, mail),
  ...importJobs({ db, clock, dataDir }),
  ...statisticsJobs({ db, clock, readDb }),
  ...caseJobs({ db, clock, dataDir, readDb, breakGlassMail, log }),
  ...privacyJobs({ db, clock, cipher }),
  { queue: SEAL_CLEAR_VALUES_QUEUE, handler: async () => void (await sealClearValues(db, log)) },
];
