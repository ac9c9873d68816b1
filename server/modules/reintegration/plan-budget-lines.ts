import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findCase } from '../cases/index.js';
import { projectLines } from '../finance/index.js';

/**
 * The budget lines a planner may give a component: those of the case's project (none without a
 * project), with what remains on each. Read with reintegration.plan in the case's scope.
 */
export async function planBudgetLines({ caseId }: { caseId: string }, { actor, db }: Pick<UseCaseContext, 'actor' | 'db'>) {
  requirePermission(actor, 'reintegration.plan');
  const c = await findCase(db, actor, caseId, 'reintegration.plan');
  const lines = c.project_id ? await projectLines(db, c.project_id) : [];
  return {
    lines: lines.map((l) => ({ id: l.id, code: l.code, name: l.name, componentTypes: l.componentTypes, donor: l.donor, currency: l.currency, remainingMinor: l.remainingMinor })),
  };
}
