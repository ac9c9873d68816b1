import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { caseScope } from '../cases/index.js';

/**
 * Applications the actor may approve and has not submitted, in its scope, newest first: for the
 * notifications of a supervisor's queue (the full list is `applicationsToApprove`).
 */
export async function applicationsAwaiting(ex: Executor, actor: Actor, limit = 20) {
  if (!can(actor, 'case.approve')) return [];
  const rows = await ex
    .selectFrom('application as ap')
    .innerJoin('return_case as c', 'c.id', 'ap.case_id')
    .select(['ap.id', 'ap.case_id', 'c.case_number', 'ap.submitted_at'])
    .where('ap.outcome', 'is', null)
    .where('c.stage', '=', 'application_submitted')
    .where('ap.submitted_by', '<>', actor.userId)
    .where(caseScope(actor, 'case.approve'))
    .orderBy('ap.submitted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, caseNumber: r.case_number, at: r.submitted_at }));
}
