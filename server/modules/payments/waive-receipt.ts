import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { disbursementView } from './payments.present.js';
import { findDisbursement, statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** A paid disbursement whose receipt cannot be had is waived, with the reason, by a supervisor. */
export async function waiveReceipt({ caseId, disbursementId, reason }: { caseId: string; disbursementId: string; reason: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'disbursement.approve');
  return changeCase(ctx, { caseId, permission: 'disbursement.approve' }, async ({ trx, case: c, now }) => {
    const d = await findDisbursement(trx, c.id, disbursementId);
    if (statusOf(d) !== 'paid') throw errors.DISBURSEMENT_NOT_PAID({ status: statusOf(d) });
    const row = await trx.insertInto('disbursement_receipt').values({ disbursement_id: d.id, attachment_id: null, waiver_reason: reason, recorded_by: actor.userId, recorded_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.receipt_waived', entityType: 'disbursement', entityId: d.id, caseId: c.id, officeId: c.office_id,
      after: { receiptId: row.id, reason },
    });
    return disbursementView(trx, d.id);
  });
}
