/** Audit events of the statistics module. */
export const STATISTICS_EVENTS = [
  'statistics.export.downloaded',
  'statistics.report_requested',
  'statistics.report_downloaded',
] as const;
