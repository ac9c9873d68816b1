import { BUILTIN_ROLES } from '../../../shared/access.js';
import type { Executor } from '../../platform/db.js';

/**
 * Creates the built-in roles that are missing and returns every role id by key. Existing roles
 * are left as the administrators edited them.
 */
export async function ensureBuiltinRoles(ex: Executor): Promise<Map<string, string>> {
  await ex
    .insertInto('role')
    .values(BUILTIN_ROLES.map((r) => ({ key: r.key, name: r.name, scope: r.scope, permissions: r.permissions, require_totp: r.requireTotp ?? false, builtin: true, updated_at: new Date() })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const rows = await ex.selectFrom('role').select(['id', 'key']).execute();
  return new Map(rows.map((r) => [r.key, r.id]));
}
