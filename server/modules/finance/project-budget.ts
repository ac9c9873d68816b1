import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { AppError } from '../../platform/errors.js';
import { linesWithSums, mayReadBudgets, presentLine, projectOf } from './budget.repo.js';
import { convertMinor } from './conversion.js';
import { rateOn } from './rates.repo.js';

/**
 * What the reintegration plans plan on each line of a project: the components of each case's
 * current version (its draft, else its approved one; cancelled ones left out) that name the line,
 * converted exactly into the line's currency at the rate in force on `day`. The plan's tables are
 * read in SQL, as a report reads them (the reintegration module writes them and imports this one).
 */
async function plannedOnLines(ex: Executor, projectId: string, day: string) {
  const rows = await ex.selectFrom('reintegration_component as x')
    .innerJoin('reintegration_plan_version as v', 'v.id', 'x.version_id')
    .innerJoin('budget_line as l', 'l.id', 'x.budget_line_id')
    .select(['x.budget_line_id', 'x.amount_minor', 'x.currency', 'l.currency as line_currency', 'v.status', 'v.case_id'])
    .where('l.project_id', '=', projectId).where('x.status', '<>', 'cancelled').where('v.status', 'in', ['draft', 'approved'])
    .execute();
  const withDraft = new Set(rows.filter((r) => r.status === 'draft').map((r) => r.case_id));
  const planned = new Map<string, { minor: number; unconverted: number }>();
  const rates = new Map<string, string | null>();
  for (const r of rows) {
    if (r.status === 'approved' && withDraft.has(r.case_id)) continue;
    const sum = planned.get(r.budget_line_id!) ?? { minor: 0, unconverted: 0 };
    const pair = `${r.currency}>${r.line_currency}`;
    if (!rates.has(pair)) {
      try {
        rates.set(pair, (await rateOn(ex, r.currency, r.line_currency, day)).rate);
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'EXCHANGE_RATE_MISSING')) throw e;
        rates.set(pair, null);
      }
    }
    const rate = rates.get(pair);
    if (rate) sum.minor += convertMinor(Number(r.amount_minor), r.currency, r.line_currency, rate);
    else sum.unconverted += 1;
    planned.set(r.budget_line_id!, sum);
  }
  return planned;
}

/** A project's budget: each line with its budget, planned, committed, disbursed and remaining, in the line's currency; totals per donor. */
export async function projectBudget({ projectId }: { projectId: string }, { actor, db, clock }: UseCaseContext) {
  if (!mayReadBudgets(actor)) throw platformErrors.FORBIDDEN();
  const project = await projectOf(db, projectId);
  const planned = await plannedOnLines(db, projectId, clock.now().toISOString().slice(0, 10));
  const lines = (await linesWithSums(db).where('l.project_id', '=', projectId).orderBy('l.code').execute()).map((row) => {
    const p = planned.get(row.id);
    return { ...presentLine(row), plannedMinor: p?.minor ?? 0, plannedUnconverted: p?.unconverted ?? 0 };
  });
  const donors = new Map<string, { donor: string; currency: string; amountMinor: number; plannedMinor: number; committedMinor: number; disbursedMinor: number; remainingMinor: number }>();
  for (const l of lines) {
    const key = `${l.donor}\u0000${l.currency}`;
    const d = donors.get(key) ?? { donor: l.donor, currency: l.currency, amountMinor: 0, plannedMinor: 0, committedMinor: 0, disbursedMinor: 0, remainingMinor: 0 };
    d.amountMinor += l.amountMinor;
    d.plannedMinor += l.plannedMinor;
    d.committedMinor += l.committedMinor;
    d.disbursedMinor += l.disbursedMinor;
    d.remainingMinor += l.remainingMinor;
    donors.set(key, d);
  }
  return {
    project: { id: project.id, code: project.code, name: project.name, currency: project.currency, donors: project.donors.map((d) => d.name) },
    lines,
    donors: [...donors.values()].sort((a, b) => a.donor.localeCompare(b.donor) || a.currency.localeCompare(b.currency)),
  };
}

/** A project's budget lines with their sums, by code (read by other modules for their own readers). */
export async function projectLines(ex: Executor, projectId: string) {
  return (await linesWithSums(ex).where('l.project_id', '=', projectId).orderBy('l.code').execute()).map(presentLine);
}
