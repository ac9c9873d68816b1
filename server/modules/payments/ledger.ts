import type { Tx } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { recordDisbursement, reverseDisbursement } from '../finance/index.js';

type Paid = { id: string; case_id: string | null; tranche_id: string | null; budget_line_id: string | null; budget_amount_minor: number | null; budget_currency: string | null };

/**
 * The ledger reference of a payment starts with its component's key: the plan's commitments use the
 * key alone, and releasing a commitment counts what was paid for the component by that prefix.
 */
async function referenceOf(trx: Tx, trancheId: string, id: string, what: string) {
  const { component_key } = await trx.selectFrom('payment_tranche').select('component_key').where('id', '=', trancheId).executeTakeFirstOrThrow();
  return `${component_key} ${what} ${id}`;
}

/** A payment that counts as paid is written to its budget line's ledger, in the same transaction, in the line's currency as stored. */
export async function ledgerPaid(trx: Tx, ctx: UseCaseContext, d: Paid) {
  if (!d.case_id || !d.tranche_id || !d.budget_line_id || d.budget_amount_minor === null || !d.budget_currency) return;
  await recordDisbursement({ budgetLineId: d.budget_line_id, amountMinor: d.budget_amount_minor, currency: d.budget_currency, caseId: d.case_id, reference: await referenceOf(trx, d.tranche_id, d.id, 'disbursement') }, { ...ctx, db: trx });
}

/** A reversed payment is reversed in its budget line's ledger too. */
export async function ledgerReversed(trx: Tx, ctx: UseCaseContext, d: Paid) {
  if (!d.case_id || !d.tranche_id || !d.budget_line_id || d.budget_amount_minor === null || !d.budget_currency) return;
  await reverseDisbursement({ budgetLineId: d.budget_line_id, amountMinor: d.budget_amount_minor, currency: d.budget_currency, caseId: d.case_id, reference: await referenceOf(trx, d.tranche_id, d.id, 'reversal of disbursement') }, { ...ctx, db: trx });
}
