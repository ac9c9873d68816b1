import { can } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseAssignments, findCase } from '../cases/index.js';

/** The case's owner and the staff assigned to it besides the owner. */
export async function listAssignments({ caseId }: { caseId: string }, { actor, db }: UseCaseContext) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const rows = await caseAssignments(db, c);
  return {
    owner: { userId: c.owner_id, name: c.owner_name },
    canManage: can(actor, 'case.update') && (c.owner_id === actor.userId || can(actor, 'case.restricted')),
    items: rows.map((r) => ({ userId: r.user_id, name: r.name, assignedAt: r.assigned_at.toISOString(), assignedByName: r.assigned_by_name })),
  };
}
