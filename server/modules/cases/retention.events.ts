/** Audit events of the retention rules and their runs (cases module). */
export const RETENTION_EVENTS = [
  'retention.rule.created',
  'retention.rule.updated',
  'retention.rule.approved',
  'retention.rule.deleted',
  'retention.run.requested',
  'retention.run.finished',
] as const;
