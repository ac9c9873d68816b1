import type { Tx } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { recordDisbursement, reverseDisbursement } from '../finance/index.js';

type Paid = { id: string; case_id: string | null; budget_line_id: string | null; budget_amount_minor: number | null; budget_currency: string | null };

/** A payment that counts as paid is written to its budget line's ledger, in the same transaction, in the line's currency as stored. */
export async function ledgerPaid(trx: Tx, ctx: UseCaseContext, d: Paid) {
  if (!d.case_id || !d.budget_line_id || d.budget_amount_minor === null || !d.budget_currency) return;
  await recordDisbursement({ budgetLineId: d.budget_line_id, amountMinor: d.budget_amount_minor, currency: d.budget_currency, caseId: d.case_id, reference: `disbursement ${d.id}` }, { ...ctx, db: trx });
}

/** A reversed payment is reversed in its budget line's ledger too. */
export async function ledgerReversed(trx: Tx, ctx: UseCaseContext, d: Paid) {
  if (!d.case_id || !d.budget_line_id || d.budget_amount_minor === null || !d.budget_currency) return;
  await reverseDisbursement({ budgetLineId: d.budget_line_id, amountMinor: d.budget_amount_minor, currency: d.budget_currency, caseId: d.case_id, reference: `reversal of disbursement ${d.id}` }, { ...ctx, db: trx });
}
