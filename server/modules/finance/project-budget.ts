import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { linesWithSums, mayReadBudgets, presentLine, projectOf } from './budget.repo.js';

/** A project's budget: each line with its budget, committed, disbursed and remaining, in the line's currency. */
export async function projectBudget({ projectId }: { projectId: string }, { actor, db }: UseCaseContext) {
  if (!mayReadBudgets(actor)) throw platformErrors.FORBIDDEN();
  const project = await projectOf(db, projectId);
  const lines = await linesWithSums(db).where('l.project_id', '=', projectId).orderBy('l.code').execute();
  return {
    project: { id: project.id, code: project.code, name: project.name, currency: project.currency, donors: project.donors.map((d) => d.name) },
    lines: lines.map(presentLine),
  };
}

/** A project's budget lines with their sums, by code (read by other modules for their own readers). */
export async function projectLines(ex: Executor, projectId: string) {
  return (await linesWithSums(ex).where('l.project_id', '=', projectId).orderBy('l.code').execute()).map(presentLine);
}
