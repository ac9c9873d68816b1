/** Audit events of the access module: sign-in, set-up, organisations, offices, users, roles and their grants, audit search. */
export const ACCESS_EVENTS = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.logout',
  'auth.totp.enabled',
  'auth.totp.disabled',
  'auth.setup.completed',
  'organisation.created',
  'office.created',
  'user.created',
  'user.updated',
  'user.preferences.updated',
  'role.created',
  'role.updated',
  /** A grant that reaches case data was asked for and waits for a second administrator. */
  'role.grant.requested',
  'role.grant.approved',
  'role.grant.rejected',
  /** Someone tried to change their own roles and was refused. */
  'role.grant.self_refused',
  'audit.searched',
] as const;
