import type { Permission } from '../../../shared/access.js';
import { can, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { loadGrants } from '../../platform/session.js';

/**
 * A user as they are now, for a background job that acts for the user who asked for it (an access
 * request's bundle, a statistics report): the user (still active) and their grants, reloaded from
 * the database, so that the job reads in their scope at the time it runs. Null when they no longer
 * exist, are disabled, or no longer hold `permission`.
 */
export async function userNow(db: Db, userId: string, permission: Permission): Promise<Actor | null> {
  const u = await db.selectFrom('app_user').select(['id', 'name', 'email', 'office_id', 'organisation_id', 'preferred_language', 'active', 'totp_enabled'])
    .where('id', '=', userId).executeTakeFirst();
  if (!u || !u.active) return null;
  const { roles, grants } = await loadGrants(db, u.id);
  const actor: Actor = {
    userId: u.id, name: u.name, email: u.email, officeId: u.office_id, organisationId: u.organisation_id, preferredLanguage: u.preferred_language,
    grants, roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })), totpEnabled: u.totp_enabled, totpEnrolmentRequired: false,
    sessionTokenHash: '', csrfToken: '', ip: null,
  };
  return can(actor, permission) ? actor : null;
}
