import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';

/*
 * Staff assigned to a case see it when it is restricted: the assignment is part of who may open a
 * case, so the cases module owns `case_assignment`. The rules of who assigns whom are the
 * protection module's (and handover's, on acceptance); they write through these functions.
 */

/** Whether the actor is assigned to the case `return_case AS c`. */
export const assignedToCase = (actor: Actor): RawBuilder<boolean> =>
  sql<boolean>`EXISTS (SELECT 1 FROM case_assignment ca WHERE ca.case_id = c.id AND ca.user_id = ${actor.userId})`;

/**
 * Assigns a user to a case in the caller's transaction, audited (`case.assignment.changed`) when
 * they were not assigned yet. Answers whether they were added.
 */
export async function assignCaseStaff(
  trx: Executor,
  actor: Actor,
  a: { caseId: string; userId: string; officeId: string; at: Date; reason?: string },
): Promise<boolean> {
  const added = await trx
    .insertInto('case_assignment')
    .values({ case_id: a.caseId, user_id: a.userId, assigned_by: actor.userId, assigned_at: a.at })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (added) {
    await audit(trx, auditContextOf(actor), {
      event: 'case.assignment.changed', entityType: 'case', entityId: a.caseId, caseId: a.caseId, officeId: a.officeId,
      after: { added: a.userId }, details: a.reason === undefined ? undefined : { reason: a.reason },
    });
  }
  return Boolean(added);
}

/** Removes a user's assignment in the caller's transaction, audited; answers whether there was one. */
export async function unassignCaseStaff(trx: Executor, actor: Actor, a: { caseId: string; userId: string; officeId: string }): Promise<boolean> {
  const removed = await trx.deleteFrom('case_assignment').where('case_id', '=', a.caseId).where('user_id', '=', a.userId).returning('user_id').executeTakeFirst();
  if (removed) {
    await audit(trx, auditContextOf(actor), {
      event: 'case.assignment.changed', entityType: 'case', entityId: a.caseId, caseId: a.caseId, officeId: a.officeId,
      before: { assigned: a.userId }, after: { removed: a.userId },
    });
  }
  return Boolean(removed);
}

/** The staff assigned to a case the actor has found (`findCase`), earliest first. */
export const caseAssignments = (ex: Executor, c: { id: string }) =>
  ex
    .selectFrom('case_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .innerJoin('app_user as by', 'by.id', 'a.assigned_by')
    .select(['a.user_id', 'u.name', 'a.assigned_at', 'by.name as assigned_by_name'])
    .where('a.case_id', '=', c.id)
    .orderBy('a.assigned_at')
    .execute();
