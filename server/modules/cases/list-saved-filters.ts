import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** A user's own named case-list filters. */
export async function listSavedFilters(_input: Record<string, never>, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  const rows = await db.selectFrom('saved_filter').select(['id', 'name', 'filter', 'created_at']).where('user_id', '=', actor.userId).orderBy('name').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, filter: r.filter, createdAt: r.created_at.toISOString() })) };
}
