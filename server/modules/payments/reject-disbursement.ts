import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { disbursementView } from './payments.present.js';
import { findDisbursement, statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** A payment waiting for approval is rejected by a second person, with the reason: it never counts as paid. */
export async function rejectDisbursement({ caseId, disbursementId, reason }: { caseId: string; disbursementId: string; reason: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'disbursement.approve');
  return changeCase(ctx, { caseId, permission: 'disbursement.approve' }, async ({ trx, case: c, now }) => {
    const d = await findDisbursement(trx, c.id, disbursementId);
    if (statusOf(d) !== 'awaiting_approval') throw errors.DISBURSEMENT_NOT_AWAITING({ status: statusOf(d) });
    if (d.recorded_by === actor.userId) throw errors.DISBURSEMENT_SELF_APPROVAL();
    await trx.insertInto('disbursement_decision').values({ disbursement_id: d.id, decision: 'rejected', reason, recorded_by: d.recorded_by, decided_by: actor.userId, decided_at: now }).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.rejected', entityType: 'disbursement', entityId: d.id, caseId: c.id, officeId: c.office_id,
      after: { amountMinor: d.amount_minor, currency: d.currency, reason },
    });
    return disbursementView(trx, d.id);
  });
}
