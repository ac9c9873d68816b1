/** Audit events of the monitoring module. */
export const MONITORING_EVENTS = [
  'monitoring.instrument.draft_created',
  'monitoring.instrument.draft_updated',
  'monitoring.instrument.published',
  'monitoring.project_schedule.set',
  'monitoring.schedule.created',
  'monitoring.schedule.changed',
  'monitoring.visit.recorded',
  'monitoring.visit.rescored',
  'monitoring.case.lost_to_follow_up',
  'monitoring.follow_up.created',
  'monitoring.rescore.requested',
  'monitoring.case.closed',
  'monitoring.offline_pack.downloaded',
  'monitoring.visit.amended',
] as const;
