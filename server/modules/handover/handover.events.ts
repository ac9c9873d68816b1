/** Audit events of the handover module. */
export const HANDOVER_EVENTS = [
  'handover.sent',
  'handover.accepted',
  'handover.declined',
  'handover.package.viewed',
  'handover.consent.recorded',
  'handover.consent.withdrawn',
  'arrival.confirmed',
  'reception.service.added',
  'reception.service.updated',
  'case.admission_date.set',
] as const;
