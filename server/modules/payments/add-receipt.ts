import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, isCaseAttachment } from '../cases/index.js';
import { disbursementView } from './payments.present.js';
import { findDisbursement, statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** The receipt of a paid disbursement: an attachment of the case (uploaded through the case's attachments, its type sniffed there). */
export async function addReceipt({ caseId, disbursementId, attachmentId }: { caseId: string; disbursementId: string; attachmentId: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'disbursement.record');
  return changeCase(ctx, { caseId, permission: 'disbursement.record' }, async ({ trx, case: c, now }) => {
    const d = await findDisbursement(trx, c.id, disbursementId);
    if (statusOf(d) !== 'paid') throw errors.DISBURSEMENT_NOT_PAID({ status: statusOf(d) });
    if (!(await isCaseAttachment(trx, c, attachmentId))) throw errors.DISBURSEMENT_RECEIPT_NOT_FOUND({ field: 'attachmentId' });
    const row = await trx.insertInto('disbursement_receipt').values({ disbursement_id: d.id, attachment_id: attachmentId, waiver_reason: null, recorded_by: actor.userId, recorded_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.receipt_added', entityType: 'disbursement', entityId: d.id, caseId: c.id, officeId: c.office_id,
      after: { receiptId: row.id, attachmentId },
    });
    return disbursementView(trx, d.id);
  });
}
