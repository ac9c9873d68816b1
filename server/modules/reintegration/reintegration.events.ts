/** Audit events of the reintegration module. */
export const REINTEGRATION_EVENTS = [
  'reintegration.plan.drafted',
  'reintegration.component.added',
  'reintegration.component.updated',
  'reintegration.component.removed',
  'reintegration.plan.agreed',
  'reintegration.plan.approved',
  'reintegration.component.status_changed',
] as const;
