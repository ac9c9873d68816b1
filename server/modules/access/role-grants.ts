import { sql } from 'kysely';
import { needsGrantApproval } from '../../../shared/access.js';
import type { RoleGrantStatusFilter } from '../../../shared/schemas/access.js';
import type { Actor, Clock } from '../../platform/actor.js';
import { inScope } from '../../platform/scope.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { forgetSessions } from '../../platform/session.js';
import type { Db, Executor } from '../../platform/db.js';
import { errors } from './access.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/** Users an administrator may manage: everyone, their organisation's, or their office's ('own' included). */
export function usersInScope(ex: Executor, actor: Actor) {
  return ex.selectFrom('app_user as u').where(inScope(actor, 'user.manage', { office: 'u.office_id', organisation: 'u.organisation_id' }));
}

/**
 * While nobody else holds `user.manage` and no grant has ever been approved, the one administrator
 * cannot be seconded by anyone: their grants take effect at once (audited as such), so that a new
 * installation can make its staff and its second administrator. From then on grants wait.
 */
async function isSoleAdministrator(ex: Executor, actor: Actor): Promise<boolean> {
  const other = await ex
    .selectFrom('user_role as ur')
    .innerJoin('role as r', 'r.id', 'ur.role_id')
    .select('ur.user_id')
    .where('ur.user_id', '<>', actor.userId)
    .where(sql<boolean>`'user.manage' = ANY(r.permissions)`)
    .limit(1)
    .executeTakeFirst();
  if (other) return false;
  const approved = await ex.selectFrom('role_grant_request').select('id').where('status', '=', 'approved').limit(1).executeTakeFirst();
  return !approved;
}

/**
 * Replaces a user's roles with `wanted` inside the caller's transaction. Removals and roles that
 * reach no case data take effect at once; a role that reaches case data (or hands out access)
 * becomes a pending request for a second administrator. Changing one's own roles is refused
 * before this is called (`refuseSelfChange`).
 */
export async function changeUserRoles(trx: Executor, actor: Actor, userId: string, current: string[], wanted: string[], clock: Clock) {
  const wantedSet = new Set(wanted);
  const removed = current.filter((id) => !wantedSet.has(id));
  const added = [...wantedSet].filter((id) => !current.includes(id));
  if (removed.length) await trx.deleteFrom('user_role').where('user_id', '=', userId).where('role_id', 'in', removed).execute();
  const result = { granted: [] as string[], requested: [] as string[], soleAdministrator: false };
  if (!added.length) return result;
  // Held in share mode: a role cannot be widened while a grant of it is being decided.
  const roles = await trx.selectFrom('role').select(['id', 'key', 'permissions', 'scope']).where('id', 'in', added).forShare().execute();
  const guarded = roles.filter((r) => r.permissions.some(needsGrantApproval));
  const sole = guarded.length > 0 && (await isSoleAdministrator(trx, actor));
  result.soleAdministrator = sole;
  for (const role of roles) {
    if (guarded.includes(role) && !sole) {
      const existing = await trx.selectFrom('role_grant_request').select('id').where('user_id', '=', userId).where('role_id', '=', role.id).where('status', '=', 'pending').executeTakeFirst();
      if (!existing) {
        const request = await trx
          .insertInto('role_grant_request')
          .values({ user_id: userId, role_id: role.id, requested_by: actor.userId, requested_at: clock.now(), decided_by: null, decided_at: null, reason: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, auditContextOf(actor), {
          event: 'role.grant.requested',
          entityType: 'role_grant_request',
          entityId: request.id,
          details: { userId, roleId: role.id, roleKey: role.key, permissions: role.permissions, scope: role.scope },
        });
      }
      result.requested.push(role.id);
    } else {
      await trx.insertInto('user_role').values({ user_id: userId, role_id: role.id }).onConflict((oc) => oc.doNothing()).execute();
      result.granted.push(role.id);
    }
  }
  return result;
}

/** Nobody changes their own roles, whatever they may do: the attempt is refused and recorded. */
export async function refuseSelfChange(db: Db, actor: Actor, current: string[], wanted: string[]) {
  const same = current.length === new Set(wanted).size && wanted.every((id) => current.includes(id));
  if (same) return;
  await audit(db, auditContextOf(actor), {
    event: 'role.grant.self_refused',
    entityType: 'user',
    entityId: actor.userId,
    details: { roleIds: [...new Set(wanted)].sort() },
  });
  throw errors.ROLE_SELF_GRANT({ field: 'roleIds' });
}

/** Pending role grants of the given users, for the user views. */
export async function pendingRolesOf(ex: Executor, userIds: string[]) {
  if (!userIds.length) return [];
  return ex
    .selectFrom('role_grant_request as g')
    .innerJoin('role as r', 'r.id', 'g.role_id')
    .select(['g.id as request_id', 'g.user_id', 'r.id', 'r.key', 'r.name', 'g.requested_at'])
    .where('g.status', '=', 'pending')
    .where('g.user_id', 'in', userIds)
    .orderBy('g.requested_at')
    .execute();
}

const grantColumns = [
  'g.id', 'g.user_id', 'u.name as user_name', 'u.email as user_email', 'g.role_id', 'r.key as role_key', 'r.name as role_name',
  'r.permissions as role_permissions', 'r.scope as role_scope', 'g.requested_by', 'rq.name as requested_by_name', 'g.requested_at',
  'g.status', 'g.decided_by', 'dc.name as decided_by_name', 'g.decided_at', 'g.reason',
] as const;

function grantQuery(ex: Executor, actor: Actor) {
  return usersInScope(ex, actor)
    .innerJoin('role_grant_request as g', 'g.user_id', 'u.id')
    .innerJoin('role as r', 'r.id', 'g.role_id')
    .innerJoin('app_user as rq', 'rq.id', 'g.requested_by')
    .leftJoin('app_user as dc', 'dc.id', 'g.decided_by')
    .select(grantColumns);
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantQuery>['executeTakeFirstOrThrow']>>;

const presentGrant = (actor: Actor, g: GrantRow) => ({
  id: g.id,
  userId: g.user_id,
  userName: g.user_name,
  userEmail: g.user_email,
  roleId: g.role_id,
  roleKey: g.role_key,
  roleName: g.role_name,
  rolePermissions: g.role_permissions,
  roleScope: g.role_scope,
  requestedBy: { id: g.requested_by, name: g.requested_by_name },
  requestedAt: new Date(g.requested_at).toISOString(),
  status: g.status,
  decidedBy: g.decided_by ? { id: g.decided_by, name: g.decided_by_name } : null,
  decidedAt: g.decided_at ? new Date(g.decided_at).toISOString() : null,
  reason: g.reason,
  // The requester and the user the role is for never decide.
  canDecide: g.status === 'pending' && g.requested_by !== actor.userId && g.user_id !== actor.userId,
});

/** Grant requests for users the administrator manages: pending ones oldest first, others newest first. */
export async function listGrantRequests(actor: Actor, status: RoleGrantStatusFilter, { db }: Deps) {
  let q = grantQuery(db, actor);
  if (status !== 'all') q = q.where('g.status', '=', status);
  const rows = await q
    .orderBy(sql`g.status = 'pending'`, 'desc')
    .orderBy(sql`CASE WHEN g.status = 'pending' THEN g.requested_at END`, 'asc')
    .orderBy('g.decided_at', 'desc')
    .limit(500)
    .execute();
  return { items: rows.map((g) => presentGrant(actor, g)) };
}

/** Approves or rejects a pending grant; only an administrator who neither asked for it nor receives it. */
export async function decideGrantRequest(actor: Actor, id: string, outcome: 'approved' | 'rejected', reason: string | undefined, { db, clock }: Deps) {
  await db.transaction().execute(async (trx) => {
    const request = await trx.selectFrom('role_grant_request').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    const visible = request && (await usersInScope(trx, actor).select('u.id').where('u.id', '=', request.user_id).executeTakeFirst());
    if (!request || !visible) throw errors.ROLE_GRANT_NOT_FOUND();
    if (request.requested_by === actor.userId || request.user_id === actor.userId) {
      throw errors.ROLE_GRANT_SELF_APPROVAL(undefined, request.user_id === actor.userId
        ? 'This role is for you: another administrator decides.'
        : 'You asked for this role: another administrator decides.');
    }
    if (request.status !== 'pending') throw errors.ROLE_GRANT_NOT_PENDING({ status: request.status });
    const role = await trx.selectFrom('role').select(['key']).where('id', '=', request.role_id).forShare().executeTakeFirstOrThrow();
    const now = clock.now();
    await trx.updateTable('role_grant_request').set({ status: outcome, decided_by: actor.userId, decided_at: now, reason: reason ?? null }).where('id', '=', id).execute();
    if (outcome === 'approved') {
      await trx.insertInto('user_role').values({ user_id: request.user_id, role_id: request.role_id }).onConflict((oc) => oc.doNothing()).execute();
      await trx.updateTable('app_user').set({ version: (eb) => eb('version', '+', 1), updated_at: now }).where('id', '=', request.user_id).execute();
    }
    await audit(trx, auditContextOf(actor), {
      event: outcome === 'approved' ? 'role.grant.approved' : 'role.grant.rejected',
      entityType: 'role_grant_request',
      entityId: id,
      details: { userId: request.user_id, roleId: request.role_id, roleKey: role.key, requestedBy: request.requested_by, ...(reason ? { reason } : {}) },
    });
  });
  forgetSessions();
  const row = await grantQuery(db, actor).where('g.id', '=', id).executeTakeFirstOrThrow();
  return presentGrant(actor, row);
}
