/** Audit events of the statistics module. */
export const STATISTICS_EVENTS = [
  'statistics.export.downloaded',
] as const;
