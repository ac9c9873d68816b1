import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { assignCaseStaff, changeCase } from '../cases/index.js';
import { listAssignments } from './list-assignments.js';
import { checkCaseStaff, requireAssignmentRight } from './restriction.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** Assigns a staff member of the case's offices to the case (owner or supervisor). */
export async function assignStaff({ caseId, userId }: { caseId: string; userId: string }, ctx: UseCaseContext) {
  const { actor, clock } = ctx;
  requirePermission(actor, 'case.update');
  await changeCase(ctx, { caseId, permission: 'case.update' }, async ({ trx, case: c }) => {
    requireAssignmentRight(actor, c);
    await checkCaseStaff(trx, c, userId, 'userId');
    if (userId === c.owner_id) throw platformErrors.VALIDATION_FAILED({ field: 'userId' }, 'The owner already sees the case.');
    await assignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: c.office_id, at: clock.now() });
  });
  return listAssignments({ caseId }, ctx);
}
