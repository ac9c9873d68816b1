import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './cases.errors.js';

/** Deletes one of the user's saved filters. */
export async function deleteSavedFilter({ id }: { id: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('saved_filter').where('id', '=', id).where('user_id', '=', actor.userId).returning(['name']).executeTakeFirst();
    if (!res) throw errors.SAVED_FILTER_NOT_FOUND();
    await audit(trx, auditContextOf(actor), { event: 'saved_filter.deleted', entityType: 'saved_filter', entityId: id, before: { name: res.name } });
  });
}
