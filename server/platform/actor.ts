import type { Permission, Scope } from '../../shared/access.js';
import { platformErrors } from './platform.errors.js';

/** Who is acting, resolved from the session on every request. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  officeId: string | null;
  organisationId: string;
  preferredLanguage: string;
  /** Each granted action with the widest scope any of the user's roles gives it. */
  grants: ReadonlyMap<Permission, Scope>;
  roles: { id: string; key: string; name: string; scope: Scope }[];
  totpEnabled: boolean;
  /** A role requires TOTP that the user has not set up yet: only enrolment is allowed. */
  totpEnrolmentRequired: boolean;
  sessionTokenHash: string;
  csrfToken: string;
  ip: string | null;
  /** When the request was made (the app's clock): time-limited grants (break-glass) are checked against it; SQL's now() without it. */
  at?: Date;
}

export const can = (actor: Actor, permission: Permission): boolean => actor.grants.has(permission);

export function scopeFor(actor: Actor, permission: Permission): Scope {
  const scope = actor.grants.get(permission);
  if (!scope) throw platformErrors.FORBIDDEN({ permission });
  return scope;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  scopeFor(actor, permission);
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
