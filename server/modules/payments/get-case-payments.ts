import type { UseCaseContext } from '../../platform/use-case.js';
import { casePayments } from './payments.present.js';
import { findPaymentCase } from './payments.repo.js';

/** A case's tranches, conditions, disbursements with receipts and reversals, and the unsafe-area flag. */
export async function getCasePayments({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  await findPaymentCase(ctx.db, ctx.actor, caseId);
  return casePayments(ctx.db, caseId);
}
