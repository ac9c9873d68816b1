/** Audit events of the decisions module. */
export const DECISIONS_EVENTS = [
  'case.member.travelling.changed',
  'decision.recorded',
  'decision.superseded',
  'case.withdrawn',
  'application.submitted',
  'application.approved',
  'application.rejected',
] as const;
