/** Audit events of the providers module. */
export const PROVIDERS_EVENTS = [
  'provider.created',
  'provider.updated',
  'provider.suspended',
  'provider.reinstated',
  'provider.payment.revealed',
] as const;
