import { sql } from 'kysely';
import { isPermission, widerScope, type Permission, type Scope } from '../../shared/access.js';
import type { Actor, Clock } from './actor.js';
import { hashToken, randomToken } from './crypto.js';
import type { Db, Executor } from './db.js';

export const SESSION_COOKIE = 'hw_session';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export async function createSession(ex: Executor, userId: string, clock: Clock, policy: SessionPolicy) {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const now = clock.now();
  await ex
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.absoluteHours * 3600_000),
    })
    .execute();
  return { token, csrfToken };
}

export async function revokeSession(ex: Executor, tokenHash: string, clock: Clock) {
  await ex.updateTable('user_session').set({ revoked_at: clock.now() }).where('token_hash', '=', tokenHash).execute();
}

/** Disabling a user, or changing their roles, ends every session they have at once. */
export async function revokeUserSessions(ex: Executor, userId: string, clock: Clock) {
  await ex
    .updateTable('user_session')
    .set({ revoked_at: clock.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Loads a user's roles and folds them into grants (each action at its widest scope). */
export async function loadGrants(ex: Executor, userId: string) {
  const roles = await ex
    .selectFrom('user_role')
    .innerJoin('role', 'role.id', 'user_role.role_id')
    .select(['role.id', 'role.key', 'role.name', 'role.scope', 'role.permissions', 'role.require_totp'])
    .where('user_role.user_id', '=', userId)
    .orderBy('role.key')
    .execute();
  const grants = new Map<Permission, Scope>();
  for (const role of roles) {
    for (const p of role.permissions) {
      if (!isPermission(p)) continue;
      const current = grants.get(p);
      grants.set(p, current ? widerScope(current, role.scope) : role.scope);
    }
  }
  return { roles, grants, requireTotp: roles.some((r) => r.require_totp) };
}

/**
 * Resolves a session token into an actor, or null when the session is unknown, revoked,
 * idle for too long, past its absolute lifetime, or its user is disabled. Touches last_seen_at.
 */
export async function resolveSession(
  db: Db,
  token: string,
  clock: Clock,
  policy: SessionPolicy,
  ip: string | null,
): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  const now = clock.now();
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.token_hash', 's.csrf_token', 's.last_seen_at', 's.expires_at', 's.revoked_at',
      'u.id as user_id', 'u.name', 'u.email', 'u.office_id', 'u.organisation_id', 'u.preferred_language',
      'u.active', 'u.totp_enabled',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || row.revoked_at || !row.active) return null;
  if (row.expires_at <= now) return null;
  if (now.getTime() - row.last_seen_at.getTime() > policy.idleMinutes * 60_000) return null;
  // Touch at most once a minute: a page load makes several calls.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  const { roles, grants, requireTotp } = await loadGrants(db, row.user_id);
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    officeId: row.office_id,
    organisationId: row.organisation_id,
    preferredLanguage: row.preferred_language,
    grants,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })),
    totpEnabled: row.totp_enabled,
    totpEnrolmentRequired: requireTotp && !row.totp_enabled,
    sessionTokenHash: tokenHash,
    csrfToken: row.csrf_token,
    ip,
  };
}

/** Removes sessions that ended long ago; called at start-up. */
export async function purgeOldSessions(db: Db, clock: Clock) {
  await db
    .deleteFrom('user_session')
    .where(sql<boolean>`expires_at < ${new Date(clock.now().getTime() - 7 * 86400_000)}`)
    .execute();
}
