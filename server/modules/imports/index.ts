/** The legacy caseload import: upload, mappings, dry runs and imports as background jobs, reports. */
import type { JobDefinition } from '../../platform/jobs.js';
import { IMPORT_PURGE_QUEUE, IMPORT_QUEUE, purgeImports, runImport, type ImportJobDeps } from './run-import.js';

export { importsRoutes } from './imports.routes.js';
export { runImport, purgeImports, IMPORT_QUEUE, IMPORT_PURGE_QUEUE, type ImportJobDeps } from './run-import.js';
export { receiveImportFile, recordImportFile } from './upload-file.js';
export { startRun } from './runs.js';

/** The queues an import runs on, and the hourly purge of what imports leave behind (created at migration time). */
export const IMPORTS_QUEUES = [IMPORT_QUEUE, IMPORT_PURGE_QUEUE] as const;

/** The job that works a run: a retry after a crash resumes from the last committed batch. */
export const importJobs = (deps: ImportJobDeps): JobDefinition[] => [
  { queue: IMPORT_QUEUE, handler: async (data) => void (await runImport((data as { runId: string }).runId, deps)) },
  { queue: IMPORT_PURGE_QUEUE, cron: '29 * * * *', handler: async () => void (await purgeImports(deps)) },
];
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { importsSubjectRecords } from './subject-records.js';
