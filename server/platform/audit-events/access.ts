/** Audit events of role grants (part of the closed list in ../audit.ts). */
export const ACCESS_EVENTS = [
  /** A grant that reaches case data was asked for and waits for a second administrator. */
  'role.grant.requested',
  'role.grant.approved',
  'role.grant.rejected',
  /** Someone tried to change their own roles and was refused. */
  'role.grant.self_refused',
] as const;
