import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findPaymentCase } from './payments.repo.js';

/**
 * What a case cost, in ONE query over the `case_cost_item` view (migration 0024): paid,
 * non-reversed disbursements and travel payments (pocket money, installation grant), summed per
 * currency and in the project's currency where the conversion was stored (or the currency is the
 * project's). The total in the project's currency is given only when every item has one.
 */
export async function caseCost({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const c = await findPaymentCase(ctx.db, ctx.actor, caseId);
  const { rows } = await sql<{ currency: string; amount_minor: string; items: number; project_amount_minor: string | null; unconverted: number; project_currency: string | null }>`
    SELECT p.currency::text AS project_currency, i.currency, sum(i.amount_minor)::text AS amount_minor, count(i.item_id)::int AS items,
           sum(i.project_amount_minor)::text AS project_amount_minor, count(i.item_id) FILTER (WHERE i.project_amount_minor IS NULL)::int AS unconverted
      FROM return_case c
      LEFT JOIN project p ON p.id = c.project_id
      LEFT JOIN case_cost_item i ON i.case_id = c.id
     WHERE c.id = ${c.id}
     GROUP BY p.currency, i.currency
     ORDER BY i.currency`.execute(ctx.db);
  const items = rows.filter((r) => r.currency !== null);
  const complete = items.every((r) => r.unconverted === 0);
  const projectCurrency = rows[0]?.project_currency ?? null;
  return {
    caseId: c.id,
    projectCurrency,
    byCurrency: items.map((r) => ({
      currency: r.currency, amountMinor: Number(r.amount_minor), items: r.items,
      projectAmountMinor: r.unconverted === 0 && r.project_amount_minor !== null ? Number(r.project_amount_minor) : null,
    })),
    projectTotalMinor: projectCurrency && complete ? items.reduce((s, r) => s + Number(r.project_amount_minor ?? 0), 0) : null,
  };
}
