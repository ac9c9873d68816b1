/** Audit events of the protection module. */
export const PROTECTION_EVENTS = [
  'vulnerability.recorded',
  'vulnerability.updated',
  'special_measure.created',
  'special_measure.updated',
  'health_record.saved',
  'health_record.viewed',
  'case.restriction.changed',
] as const;
