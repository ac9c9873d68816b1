/** Audit events of the payments module. */
export const PAYMENTS_EVENTS = [
  'payment.tranches.scheduled',
  'payment.tranche.condition_met',
  'payment.tranche.released',
  'disbursement.recorded',
  'disbursement.approved',
  'disbursement.rejected',
  'disbursement.receipt_added',
  'disbursement.receipt_waived',
  'disbursement.reversed',
  'case.unsafe_area.set',
  'case.unsafe_area.cleared',
  'project.unsafe_location.added',
  'project.unsafe_location.removed',
  'office.disbursement_threshold.set',
] as const;
