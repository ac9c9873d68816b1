import { sql } from 'kysely';
import type { BudgetLineInput } from '../../../shared/schemas/finance.js';
import { isMoneyCurrency } from '../../../shared/money.js';
import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { loadProject } from '../eligibility/index.js';
import { errors } from './finance.errors.js';

/** The project a budget line belongs to (read through the eligibility module), or 404 BUDGET_PROJECT_NOT_FOUND. */
export async function projectOf(ex: Executor, projectId: string) {
  const p = await loadProject(ex, projectId);
  if (!p) throw errors.BUDGET_PROJECT_NOT_FOUND();
  return p;
}

/** What the schema cannot check: the donor is one of the project's, the currency can carry amounts. */
export function validateLine(input: BudgetLineInput, project: { donors: { name: string }[] }) {
  if (!isMoneyCurrency(input.currency)) throw platformErrors.VALIDATION_FAILED({ field: 'currency' }, 'An active ISO 4217 currency with a minor unit is required.');
  if (!project.donors.some((d) => d.name === input.donor)) throw errors.BUDGET_LINE_DONOR_UNKNOWN({ field: 'donor', donors: project.donors.map((d) => d.name) });
}

/**
 * Budget lines with their sums from the ledger: committed = commitments less releases, disbursed =
 * disbursements less reversals, remaining = budget less the larger of the two (a disbursement pays
 * out of a commitment; one made without a commitment still uses the budget).
 */
export function linesWithSums(ex: Executor) {
  return ex
    .selectFrom('budget_line as l')
    .leftJoin(
      (eb) => eb
        .selectFrom('budget_entry')
        .select([
          'budget_line_id',
          sql<string>`coalesce(sum(CASE kind WHEN 'commitment' THEN amount_minor WHEN 'release' THEN -amount_minor ELSE 0 END), 0)`.as('committed'),
          sql<string>`coalesce(sum(CASE kind WHEN 'disbursement' THEN amount_minor WHEN 'reversal' THEN -amount_minor ELSE 0 END), 0)`.as('disbursed'),
        ])
        .groupBy('budget_line_id')
        .as('e'),
      (join) => join.onRef('e.budget_line_id', '=', 'l.id'),
    )
    .select([
      'l.id', 'l.project_id', 'l.code', 'l.name', 'l.component_types', 'l.donor', 'l.amount_minor', 'l.currency', 'l.version', 'l.updated_at',
      sql<string>`coalesce(e.committed, 0)`.as('committed'),
      sql<string>`coalesce(e.disbursed, 0)`.as('disbursed'),
    ]);
}
type LineRow = Awaited<ReturnType<ReturnType<typeof linesWithSums>['executeTakeFirstOrThrow']>>;

export function presentLine(l: LineRow) {
  const budget = BigInt(l.amount_minor);
  const committed = BigInt(l.committed);
  const disbursed = BigInt(l.disbursed);
  const used = committed > disbursed ? committed : disbursed;
  return {
    id: l.id,
    projectId: l.project_id,
    code: l.code,
    name: l.name,
    componentTypes: l.component_types,
    donor: l.donor,
    amountMinor: Number(budget),
    currency: l.currency,
    committedMinor: Number(committed),
    disbursedMinor: Number(disbursed),
    remainingMinor: Number(budget - used),
    version: l.version,
    updatedAt: l.updated_at,
  };
}
export type BudgetLine = ReturnType<typeof presentLine>;

export async function loadLine(ex: Executor, id: string) {
  const row = await linesWithSums(ex).where('l.id', '=', id).executeTakeFirst();
  return row ? presentLine(row) : null;
}

export async function codeTaken(ex: Executor, projectId: string, code: string, exceptId?: string) {
  let q = ex.selectFrom('budget_line').select('id').where('project_id', '=', projectId).where(sql<boolean>`lower(code) = lower(${code})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return Boolean(await q.executeTakeFirst());
}

/** Budgets are read by finance staff, programme managers and whoever reads statistics: they hold no personal data. */
export const mayReadBudgets = (actor: Actor) => can(actor, 'finance.manage') || can(actor, 'project.manage') || can(actor, 'statistics.read');
