import { PERMISSIONS, SCOPES } from '../../../shared/access.js';
import type { CreateRoleInput, UpdateRoleInput } from '../../../shared/schemas/access.js';
import type { Actor, Clock } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import { staleVersion } from '../../platform/http.js';

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
  if (!row) throw notFound('The role', 'ROLE_NOT_FOUND');
  return present(row);
}

export async function createRole(actor: Actor, input: CreateRoleInput, deps: Deps) {
  const { db, clock } = deps;
  const id = await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('role').select('id').where('key', '=', input.key).executeTakeFirst();
    if (taken) throw new AppError('ROLE_KEY_TAKEN', 409, 'A role with this key already exists.', { field: 'key' });
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
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('role')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.permissions !== undefined && { permissions: [...new Set(input.permissions)] }),
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
  return getRole(id, deps);
}
