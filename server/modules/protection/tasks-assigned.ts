import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { caseScope } from '../cases/index.js';

/**
 * Open special measures the actor owns in cases still being worked on (not withdrawn or closed)
 * that it may read, last assigned or changed first: for the notifications of its queue (the full
 * list is `myTasks`).
 */
export async function tasksAssigned(ex: Executor, actor: Actor, limit = 20) {
  if (!can(actor, 'case.read')) return [];
  const rows = await ex
    .selectFrom('special_measure as m')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .select(['m.id', 'm.case_id', 'c.case_number', 'm.kind', 'm.due_on', 'm.updated_at'])
    .where('m.owner_id', '=', actor.userId)
    .where('m.status', 'in', ['open', 'in_progress'])
    .where('c.stage', 'not in', ['withdrawn', 'closed'])
    .where(caseScope(actor, 'case.read'))
    .orderBy('m.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, caseNumber: r.case_number, kind: r.kind, dueOn: r.due_on, at: r.updated_at }));
}
