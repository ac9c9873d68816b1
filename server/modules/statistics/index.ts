/** Programme statistics: figures from the aggregates of migration 0036, with disclosure control. */
import type { JobDefinition } from '../../platform/jobs.js';
import { buildReport, purgeExpiredReports, STAT_REPORT_PURGE_QUEUE, STAT_REPORT_QUEUE, type ReportJobDeps } from './annual-report.js';

export { statisticsRoutes } from './statistics.routes.js';
/** One figure as the API answers it (the benchmark times them). */
export { statisticsFigure, disclosureControlled } from './figures.js';
/** The annual report (PDF) made in the background. */
export { annualReportRoutes } from './annual-report.routes.js';
export { buildReport, purgeExpiredReports, STAT_REPORT_QUEUE, type ReportJobDeps } from './annual-report.js';

/** The queues the annual reports are made on and their expired PDFs removed (created at migration time). */
export const STATISTICS_QUEUES = [STAT_REPORT_QUEUE, STAT_REPORT_PURGE_QUEUE] as const;
export const statisticsJobs = (deps: ReportJobDeps): JobDefinition[] => [
  { queue: STAT_REPORT_QUEUE, handler: async (data) => void (await buildReport((data as { reportId: string }).reportId, deps)) },
  { queue: STAT_REPORT_PURGE_QUEUE, cron: '47 * * * *', handler: async () => void (await purgeExpiredReports(deps)) },
];
/** The annual report's PDF text (Noto fonts, Arabic shaped, right to left): other PDFs in the reader's language use it. */
export { embedReportFonts, ReportText } from './report-text.js';
