/** Audit events of the access module: sign-in, set-up, organisations, offices, users, roles and their grants, audit search. */
export const ACCESS_EVENTS = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.logout',
  'auth.totp.enabled',
  'auth.totp.disabled',
  'auth.setup.completed',
  /** Signed in through the organisation's OpenID provider (details: method, amr). */
  'auth.sso.succeeded',
  /** A sign-in through the OpenID provider was refused (details: reason, the error code). */
  'auth.sso.refused',
  /** A user created at their first single sign-on, with no role. */
  'user.provisioned',
  /** A session ended by its user (from another device) or by an administrator. */
  'session.ended',
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
  /** A background job that had failed after its retries, put back to run by an administrator. */
  'job.retried',
] as const;
