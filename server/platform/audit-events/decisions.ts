/** Audit events of the decisions capability (part of the closed list in ../audit.ts). */
export const DECISIONS_EVENTS = [
  'case.member.travelling.changed',
  'decision.recorded',
  'decision.superseded',
  'case.withdrawn',
  'application.submitted',
  'application.approved',
  'application.rejected',
] as const;
