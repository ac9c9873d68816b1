import { createHash } from 'node:crypto';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { sniffContentType } from '../cases/index.js';
import { communityDisbursementView, findProjectDisbursement, projectInScope } from './community-disbursements.repo.js';
import { statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/**
 * The receipt of a paid payment of a community project: a file kept with the payment (its type
 * sniffed from the bytes against the attachments' allow-list), or a waiver with the reason (which
 * needs `disbursement.approve`). Audited.
 */
export async function addCommunityReceipt(
  { projectId, disbursementId, receipt }: { projectId: string; disbursementId: string; receipt: { fileName: string; content: Buffer } | { waiverReason: string } },
  ctx: UseCaseContext,
) {
  const { actor, db, clock } = ctx;
  const waiver = 'waiverReason' in receipt;
  const permission = waiver ? 'disbursement.approve' : 'disbursement.record';
  requirePermission(actor, permission);
  const file = waiver ? null : { ...receipt, contentType: await sniffContentType(receipt.content, receipt.fileName), sha256: createHash('sha256').update(receipt.content).digest('hex') };
  return db.transaction().execute(async (trx) => {
    const project = await projectInScope(trx, actor, projectId, [permission], true);
    const d = await findProjectDisbursement(trx, project.id, disbursementId);
    if (statusOf(d) !== 'paid') throw errors.DISBURSEMENT_NOT_PAID({ status: statusOf(d) });
    const row = await trx.insertInto('disbursement_receipt').values({
      disbursement_id: d.id, attachment_id: null, waiver_reason: waiver ? receipt.waiverReason : null,
      file_name: file?.fileName ?? null, content_type: file?.contentType ?? null, content: file?.content ?? null, sha256: file?.sha256 ?? null,
      recorded_by: actor.userId, recorded_at: clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: waiver ? 'disbursement.receipt_waived' : 'disbursement.receipt_added', entityType: 'disbursement', entityId: d.id, officeId: project.office_id,
      after: waiver
        ? { communityProjectId: project.id, receiptId: row.id, reason: receipt.waiverReason }
        : { communityProjectId: project.id, receiptId: row.id, fileName: file!.fileName, contentType: file!.contentType, sizeBytes: file!.content.length, sha256: file!.sha256 },
    });
    return communityDisbursementView(trx, project.id, d.id);
  });
}
