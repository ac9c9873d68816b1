/** Audit events of the eligibility module. */
export const ELIGIBILITY_EVENTS = [
  'project.created',
  'project.updated',
  'eligibility.rules.created',
  'eligibility.rules.updated',
  'eligibility.rules.published',
  'case.project.assigned',
  'case.host_arrival.updated',
  'eligibility.checked',
  'eligibility.confirmed',
  'eligibility.overridden',
  'eligibility.outdated',
] as const;
