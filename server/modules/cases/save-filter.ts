import type { z } from 'zod';
import type { caseFilter } from '../../../shared/schemas/cases.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './cases.errors.js';

/** Saves a named case-list filter of the user's own. */
export async function saveFilter(input: { name: string; filter: z.infer<typeof caseFilter> }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('saved_filter').select('id').where('user_id', '=', actor.userId).where('name', '=', input.name).executeTakeFirst();
    if (taken) throw errors.SAVED_FILTER_NAME_TAKEN({ field: 'name' });
    // Two saves of one name at once: the unique index (user_id, name) lets one in; the other is
    // told the name is taken, as if it had come second.
    const row = await trx
      .insertInto('saved_filter')
      .values({ user_id: actor.userId, name: input.name, filter: JSON.stringify(input.filter) })
      .onConflict((oc) => oc.columns(['user_id', 'name']).doNothing())
      .returning(['id', 'name', 'filter', 'created_at'])
      .executeTakeFirst();
    if (!row) throw errors.SAVED_FILTER_NAME_TAKEN({ field: 'name' });
    // The filter may hold a searched name: audit that a filter was saved, not what it holds.
    await audit(trx, auditContextOf(actor), { event: 'saved_filter.created', entityType: 'saved_filter', entityId: row.id, after: { name: input.name } });
    return { id: row.id, name: row.name, filter: row.filter, createdAt: row.created_at.toISOString() };
  });
}
