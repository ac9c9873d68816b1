import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { loadLine, mayReadBudgets } from './budget.repo.js';
import { errors } from './finance.errors.js';

/** One budget line with its sums (for its ETag). */
export async function getBudgetLine({ lineId }: { lineId: string }, { actor, db }: UseCaseContext) {
  if (!mayReadBudgets(actor)) throw platformErrors.FORBIDDEN();
  const line = await loadLine(db, lineId);
  if (!line) throw errors.BUDGET_LINE_NOT_FOUND();
  return line;
}
