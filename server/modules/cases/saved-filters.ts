import type { z } from 'zod';
import type { caseFilter } from '../../../shared/schemas/cases.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { errors } from './cases.errors.js';

/** A user's own named case-list filters. */
export async function listSavedFilters(actor: Actor, { db }: { db: Db }) {
  requirePermission(actor, 'case.read');
  const rows = await db.selectFrom('saved_filter').select(['id', 'name', 'filter', 'created_at']).where('user_id', '=', actor.userId).orderBy('name').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, filter: r.filter, createdAt: r.created_at.toISOString() })) };
}

export async function saveFilter(actor: Actor, input: { name: string; filter: z.infer<typeof caseFilter> }, { db }: { db: Db }) {
  requirePermission(actor, 'case.read');
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('saved_filter').select('id').where('user_id', '=', actor.userId).where('name', '=', input.name).executeTakeFirst();
    if (taken) throw errors.SAVED_FILTER_NAME_TAKEN({ field: 'name' });
    const row = await trx
      .insertInto('saved_filter')
      .values({ user_id: actor.userId, name: input.name, filter: JSON.stringify(input.filter) })
      .returning(['id', 'name', 'filter', 'created_at'])
      .executeTakeFirstOrThrow();
    // The filter may hold a searched name: audit that a filter was saved, not what it holds.
    await audit(trx, auditContextOf(actor), { event: 'saved_filter.created', entityType: 'saved_filter', entityId: row.id, after: { name: input.name } });
    return { id: row.id, name: row.name, filter: row.filter, createdAt: row.created_at.toISOString() };
  });
}

export async function deleteSavedFilter(actor: Actor, id: string, { db }: { db: Db }) {
  requirePermission(actor, 'case.read');
  await db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('saved_filter').where('id', '=', id).where('user_id', '=', actor.userId).returning(['name']).executeTakeFirst();
    if (!res) throw errors.SAVED_FILTER_NOT_FOUND();
    await audit(trx, auditContextOf(actor), { event: 'saved_filter.deleted', entityType: 'saved_filter', entityId: id, before: { name: res.name } });
  });
}
