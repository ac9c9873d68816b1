import { ACCESS_PERMISSIONS, needsGrantApproval, PERMISSIONS, SCOPES } from '../../../shared/access.js';
import type { CreateRoleInput, UpdateRoleInput } from '../../../shared/schemas/access.js';
import type { Actor, Clock } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { forgetSessions } from '../../platform/session.js';
import type { Db } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { errors } from './access.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

const present = (r: { id: string; key: string; name: string; permissions: string[]; scope: string; require_totp: boolean; builtin: boolean; version: number }) => ({
  id: r.id,
  key: r.key,
  name: r.name,
  permissions: r.permissions,
  scope: r.scope,
  requireTotp: r.require_totp,
  builtin: r.builtin,
  version: r.version,
});

export const permissionCatalogue = () => ({ permissions: PERMISSIONS.map((p) => ({ key: p.key, module: p.module })), scopes: [...SCOPES] });

export async function listRoles({ db }: Deps) {
  const rows = await db.selectFrom('role').select(['id', 'key', 'name', 'permissions', 'scope', 'require_totp', 'builtin', 'version']).orderBy('name').execute();
  return rows.map(present);
}

export async function getRole(id: string, { db }: Deps) {
  const row = await db.selectFrom('role').select(['id', 'key', 'name', 'permissions', 'scope', 'require_totp', 'builtin', 'version']).where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.ROLE_NOT_FOUND();
  return present(row);
}

/** A role that hands out access (user.manage, role.manage) must require TOTP of its holders. */
function assertTotpWhereNeeded(permissions: readonly string[], requireTotp: boolean) {
  const access = permissions.filter((p) => (ACCESS_PERMISSIONS as readonly string[]).includes(p));
  if (access.length && !requireTotp) {
    throw errors.ROLE_TOTP_REQUIRED({ field: 'requireTotp', permissions: access });
  }
}

export async function createRole(actor: Actor, input: CreateRoleInput, deps: Deps) {
  const { db, clock } = deps;
  assertTotpWhereNeeded(input.permissions, input.requireTotp);
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('role').select('id').where('key', '=', input.key).executeTakeFirst();
    if (taken) throw errors.ROLE_KEY_TAKEN({ field: 'key' });
    const row = await trx
      .insertInto('role')
      .values({ key: input.key, name: input.name, permissions: [...new Set(input.permissions)], scope: input.scope, require_totp: input.requireTotp, updated_at: clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'role.created', entityType: 'role', entityId: row.id, after: input });
    return row.id;
  });
  return getRole(id, deps);
}

export async function updateRole(actor: Actor, id: string, expectedVersion: number, input: UpdateRoleInput, deps: Deps) {
  const { db, clock } = deps;
  const current = await getRole(id, deps);
  const permissions = input.permissions ? [...new Set(input.permissions)] : current.permissions;
  const scope = input.scope ?? current.scope;
  assertTotpWhereNeeded(permissions, input.requireTotp ?? current.requireTotp);
  await db.transaction().execute(async (trx) => {
    // A role users hold (or have been asked for) may not come to reach more case data: that would
    // give it to all of them without a second administrator. Refused; make a new role and give it.
    const locked = await trx.selectFrom('role').select(['permissions', 'scope', 'version']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (locked.version !== expectedVersion) throw staleVersion();
    const gained = permissions.filter((p) => needsGrantApproval(p) && !locked.permissions.includes(p));
    const wider = SCOPES.indexOf(scope as (typeof SCOPES)[number]) > SCOPES.indexOf(locked.scope) && permissions.some(needsGrantApproval);
    if (gained.length || wider) {
      const holder = await trx.selectFrom('user_role').select('user_id').where('role_id', '=', id).limit(1).executeTakeFirst();
      const asked = holder ? undefined : await trx.selectFrom('role_grant_request').select('id').where('role_id', '=', id).where('status', '=', 'pending').limit(1).executeTakeFirst();
      if (holder || asked) {
        throw errors.ROLE_HELD_WIDENING({ permissions: gained, ...(wider ? { scope } : {}) });
      }
    }
    const res = await trx
      .updateTable('role')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.permissions !== undefined && { permissions }),
        ...(input.scope !== undefined && { scope: input.scope }),
        ...(input.requireTotp !== undefined && { require_totp: input.requireTotp }),
        version: (eb) => eb('version', '+', 1),
        updated_at: clock.now(),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw staleVersion();
    const before = { name: current.name, permissions: current.permissions, scope: current.scope, requireTotp: current.requireTotp };
    const after = { name: input.name ?? before.name, permissions: input.permissions ?? before.permissions, scope: input.scope ?? before.scope, requireTotp: input.requireTotp ?? before.requireTotp };
    const diff = changedFields(before, after);
    await audit(trx, auditContextOf(actor), { event: 'role.updated', entityType: 'role', entityId: id, before: diff.before, after: diff.after });
  });
  // Every holder's grants change: sessions resolve anew from the next request.
  forgetSessions();
  return getRole(id, deps);
}
