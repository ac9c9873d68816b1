/** Audit events of the finance module. */
export const FINANCE_EVENTS = [
  'exchange_rate.entered',
  'exchange_rate.imported',
  'budget_line.created',
  'budget_line.updated',
  'budget_entry.recorded',
] as const;
