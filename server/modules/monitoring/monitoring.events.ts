/** Audit events of the monitoring module. */
export const MONITORING_EVENTS = [
  'monitoring.instrument.draft_created',
  'monitoring.instrument.draft_updated',
  'monitoring.instrument.published',
] as const;
