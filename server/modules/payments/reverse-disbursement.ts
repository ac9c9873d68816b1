import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { ledgerReversed } from './ledger.js';
import { disbursementView } from './payments.present.js';
import { findDisbursement, statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/**
 * A mistaken payment is reversed by a new entry with the reason (and a reversal in its budget
 * line's ledger): nothing is edited or deleted. It then no longer counts as paid or in the case's cost.
 */
export async function reverseDisbursementUseCase({ caseId, disbursementId, reason }: { caseId: string; disbursementId: string; reason: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'disbursement.approve');
  return changeCase(ctx, { caseId, permission: 'disbursement.approve' }, async ({ trx, case: c, now }) => {
    const d = await findDisbursement(trx, c.id, disbursementId);
    const status = statusOf(d);
    if (status === 'reversed') throw errors.DISBURSEMENT_ALREADY_REVERSED();
    if (status !== 'paid') throw errors.DISBURSEMENT_NOT_PAID({ status });
    await trx.insertInto('disbursement_reversal').values({ disbursement_id: d.id, reason, reversed_by: actor.userId, reversed_at: now }).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.reversed', entityType: 'disbursement', entityId: d.id, caseId: c.id, officeId: c.office_id,
      after: { amountMinor: d.amount_minor, currency: d.currency, reason },
    });
    await ledgerReversed(trx, ctx, d);
    return disbursementView(trx, d.id);
  });
}
