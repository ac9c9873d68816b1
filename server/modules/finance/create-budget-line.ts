import type { BudgetLineInput } from '../../../shared/schemas/finance.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { codeTaken, loadLine, projectOf, validateLine } from './budget.repo.js';
import { errors } from './finance.errors.js';

/** Adds a budget line to a project: code (unique in the project), name, component types, one of the project's donors, amount. Audited. */
export async function createBudgetLine({ projectId, line }: { projectId: string; line: BudgetLineInput }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'finance.manage');
  const id = await db.transaction().execute(async (trx) => {
    const project = await projectOf(trx, projectId);
    validateLine(line, project);
    // Lines of one project are created one at a time, so that a code is never taken twice.
    await trx.selectFrom('project').select('id').where('id', '=', projectId).forUpdate().execute();
    if (await codeTaken(trx, projectId, line.code)) throw errors.BUDGET_LINE_CODE_TAKEN({ field: 'code' });
    const row = await trx
      .insertInto('budget_line')
      .values({
        project_id: projectId, code: line.code, name: line.name, component_types: line.componentTypes, donor: line.donor,
        amount_minor: line.amountMinor, currency: line.currency, created_by: actor.userId, updated_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'budget_line.created', entityType: 'budget_line', entityId: row.id, after: { projectId, ...line } });
    return row.id;
  });
  return (await loadLine(db, id))!;
}
