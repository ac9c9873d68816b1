import { sql } from 'kysely';
import type { Actor, Clock } from '../../platform/actor.js';
import { scopeFor } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { officeInScope, inScope } from '../../platform/scope.js';
import { forgetSessions, revokeUserSessions } from '../../platform/session.js';
import type { CreateUserInput, UpdateUserInput } from '../../../shared/schemas/access.js';
import { hashPassword } from './passwords.js';
import { changeUserRoles, pendingRolesOf, refuseSelfChange, usersInScope } from './role-grants.js';
import { errors } from './access.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

export async function listUsers(actor: Actor, { db, clock }: Deps) {
  const users = await usersInScope(db, actor)
    .leftJoin('office as o', 'o.id', 'u.office_id')
    .select(['u.id', 'u.name', 'u.email', 'u.preferred_language', 'u.office_id', 'o.name as office_name', 'u.organisation_id', 'u.active', 'u.totp_enabled', 'u.version'])
    // Sign-in locked after too many failures (failures are counted per email, in lower case).
    .select(sql<Date | null>`(SELECT la.locked_until FROM login_attempt la WHERE la.email = lower(u.email) AND la.locked_until > ${clock.now()})`.as('locked_until'))
    .orderBy('u.name')
    .execute();
  const roles = await db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id').select(['user_role.user_id', 'role.id', 'role.key', 'role.name']).execute();
  const pending = await pendingRolesOf(db, users.map((u) => u.id));
  return users.map((u) => presentUser(u, roles.filter((r) => r.user_id === u.id), pending.filter((p) => p.user_id === u.id)));
}

export async function getUser(actor: Actor, id: string, { db }: Deps) {
  const u = await usersInScope(db, actor)
    .leftJoin('office as o', 'o.id', 'u.office_id')
    .select(['u.id', 'u.name', 'u.email', 'u.preferred_language', 'u.office_id', 'o.name as office_name', 'u.organisation_id', 'u.active', 'u.totp_enabled', 'u.version'])
    .where('u.id', '=', id)
    .executeTakeFirst();
  if (!u) throw errors.USER_NOT_FOUND();
  const roles = await db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id').select(['user_role.user_id', 'role.id', 'role.key', 'role.name']).where('user_role.user_id', '=', id).execute();
  return presentUser(u, roles, await pendingRolesOf(db, [id]));
}

function presentUser(
  u: { id: string; name: string; email: string; preferred_language: string; office_id: string | null; office_name: string | null; organisation_id: string; active: boolean; totp_enabled: boolean; version: number; locked_until?: Date | null },
  roles: { id: string; key: string; name: string }[],
  pending: { request_id: string; id: string; key: string; name: string; requested_at: Date | string }[],
) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    preferredLanguage: u.preferred_language,
    officeId: u.office_id,
    officeName: u.office_name,
    organisationId: u.organisation_id,
    active: u.active,
    totpEnabled: u.totp_enabled,
    ...(u.locked_until === undefined ? {} : { lockedUntil: u.locked_until ? new Date(u.locked_until).toISOString() : null }),
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name })),
    /** Roles given but waiting for a second administrator's approval. */
    pendingRoles: pending.map((p) => ({ requestId: p.request_id, id: p.id, key: p.key, name: p.name, requestedAt: new Date(p.requested_at).toISOString() })),
    version: u.version,
  };
}

async function checkPlacement(ex: Executor, actor: Actor, organisationId: string, officeId: string | null | undefined, roleIds: string[] | undefined) {
  const scope = scopeFor(actor, 'user.manage');
  if (scope !== 'all' && organisationId !== actor.organisationId) throw platformErrors.FORBIDDEN(undefined, 'You may only manage users of your organisation.');
  const org = await ex.selectFrom('organisation').select('id').where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw errors.ORGANISATION_NOT_FOUND({ field: 'organisationId' });
  if (officeId) {
    const office = await ex.selectFrom('office').select('organisation_id').where('id', '=', officeId).executeTakeFirst();
    if (!office) throw platformErrors.OFFICE_NOT_FOUND({ field: 'officeId' });
    if (office.organisation_id !== organisationId) throw errors.OFFICE_NOT_IN_ORGANISATION({ field: 'officeId' });
    if (!officeInScope(actor, scope, { id: officeId, organisation_id: office.organisation_id })) throw platformErrors.FORBIDDEN(undefined, 'You may only manage users of your office.');
  }
  if (roleIds && roleIds.length) {
    const found = await ex.selectFrom('role').select('id').where('id', 'in', roleIds).execute();
    if (found.length !== new Set(roleIds).size) throw errors.ROLE_NOT_FOUND({ field: 'roleIds' }, 'One of the roles does not exist.');
  }
}

export async function createUser(actor: Actor, input: CreateUserInput, { db, clock }: Deps) {
  await checkPlacement(db, actor, input.organisationId, input.officeId, input.roleIds);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('app_user').select('id').where('email', '=', input.email.toLowerCase()).executeTakeFirst();
    if (existing) throw errors.USER_EMAIL_TAKEN({ field: 'email' });
    const user = await trx
      .insertInto('app_user')
      .values({
        name: input.name,
        email: input.email.toLowerCase(),
        preferred_language: input.preferredLanguage,
        organisation_id: input.organisationId,
        office_id: input.officeId ?? null,
        password_hash: passwordHash,
        totp_secret: null,
        totp_last_step: null,
        updated_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roles = await changeUserRoles(trx, actor, user.id, [], input.roleIds, clock);
    await audit(trx, auditContextOf(actor), {
      event: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: { name: input.name, email: input.email, officeId: input.officeId ?? null, organisationId: input.organisationId, roleIds: roles.granted.sort(), preferredLanguage: input.preferredLanguage },
      details: grantDetails(roles),
    });
    return user.id;
  });
  return getUser(actor, id, { db, clock });
}

export async function updateUser(actor: Actor, id: string, expectedVersion: number, input: UpdateUserInput, { db, clock }: Deps) {
  const current = await getUser(actor, id, { db, clock });
  await checkPlacement(db, actor, current.organisationId, input.officeId, input.roleIds);
  if (input.active === false && id === actor.userId) throw errors.USER_CANNOT_DISABLE_SELF();
  const currentRoleIds = current.roles.map((r) => r.id);
  if (input.roleIds && id === actor.userId) await refuseSelfChange(db, actor, currentRoleIds, input.roleIds);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('app_user')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.preferredLanguage !== undefined && { preferred_language: input.preferredLanguage }),
        ...(input.officeId !== undefined && { office_id: input.officeId }),
        ...(input.active !== undefined && { active: input.active }),
        ...(passwordHash && { password_hash: passwordHash }),
        version: (eb) => eb('version', '+', 1),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw staleVersion();
    const roles = input.roleIds ? await changeUserRoles(trx, actor, id, currentRoleIds, input.roleIds, clock) : null;
    // A disabled user, or one whose password was reset, is signed out everywhere at once.
    if (input.active === false || passwordHash) await revokeUserSessions(trx, id, clock);
    const before = { name: current.name, preferredLanguage: current.preferredLanguage, officeId: current.officeId, active: current.active, roleIds: current.roles.map((r) => r.id).sort() };
    const after = {
      name: input.name ?? before.name,
      preferredLanguage: input.preferredLanguage ?? before.preferredLanguage,
      officeId: input.officeId === undefined ? before.officeId : input.officeId,
      active: input.active ?? before.active,
      roleIds: input.roleIds ? input.roleIds.filter((r) => !roles?.requested.includes(r)).filter((r, i, all) => all.indexOf(r) === i).sort() : before.roleIds,
    };
    const diff = changedFields(before, after);
    const details = { ...(passwordHash ? { passwordReset: true } : {}), ...(roles ? grantDetails(roles) : {}) };
    await audit(trx, auditContextOf(actor), { event: 'user.updated', entityType: 'user', entityId: id, before: diff.before, after: diff.after, details: Object.keys(details).length ? details : undefined });
  });
  // Roles, office, activity, password: the user's sessions resolve anew from the next request.
  forgetSessions();
  return getUser(actor, id, { db, clock });
}

/** What the audit of a user's roles adds: requests left for approval, and the sole-administrator case. */
const grantDetails = (roles: { requested: string[]; soleAdministrator: boolean }) => ({
  ...(roles.requested.length ? { pendingRoleIds: [...roles.requested].sort() } : {}),
  ...(roles.soleAdministrator ? { soleAdministrator: true } : {}),
});

export async function updatePreferences(actor: Actor, preferredLanguage: string, { db, clock }: Deps) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ preferred_language: preferredLanguage, updated_at: clock.now() }).where('id', '=', actor.userId).execute();
    await audit(trx, auditContextOf(actor), { event: 'user.preferences.updated', entityType: 'user', entityId: actor.userId, before: { preferredLanguage: actor.preferredLanguage }, after: { preferredLanguage } });
  });
  forgetSessions();
}

/** Active users who may own cases, within the actor's case scope: for owner filters and choices. */
export async function listAssignableUsers(actor: Actor, { db }: Deps) {
  const q = db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name', 'u.office_id'])
    .where('u.active', '=', true)
    .where('u.office_id', 'is not', null)
    .where(inScope(actor, 'case.read', { office: 'u.office_id', organisation: 'u.organisation_id', owner: 'u.id' }));
  const rows = await q.orderBy('u.name').limit(1000).execute();
  return rows.map((u) => ({ id: u.id, name: u.name, officeId: u.office_id }));
}
