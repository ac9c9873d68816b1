import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, unassignCaseStaff } from '../cases/index.js';
import { listAssignments } from './list-assignments.js';
import { requireAssignmentRight } from './restriction.js';
import { errors } from './protection.errors.js';

/** Removes a staff member from a case (owner or supervisor). */
export async function unassignStaff({ caseId, userId }: { caseId: string; userId: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'case.update');
  await changeCase(ctx, { caseId, permission: 'case.update' }, async ({ trx, case: c }) => {
    requireAssignmentRight(actor, c);
    if (!(await unassignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: c.office_id }))) throw errors.ASSIGNMENT_NOT_FOUND();
  });
  // Removing oneself from a restricted case loses sight of it.
  return listAssignments({ caseId }, ctx).catch(() => ({ owner: null, canManage: false, items: [] }));
}
