import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { communityDisbursementView, findProjectDisbursement, projectInScope } from './community-disbursements.repo.js';
import { statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/**
 * A community project's payment above its office's threshold is approved, or rejected with a reason,
 * by a second person (never its recorder: the API's 403 and the table's CHECK), as a case's payment is.
 */
export async function decideCommunityDisbursement(
  { projectId, disbursementId, decision, reason }: { projectId: string; disbursementId: string; decision: 'approved' | 'rejected'; reason?: string },
  ctx: UseCaseContext,
) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'disbursement.approve');
  return db.transaction().execute(async (trx) => {
    const project = await projectInScope(trx, actor, projectId, ['disbursement.approve'], true);
    const d = await findProjectDisbursement(trx, project.id, disbursementId);
    if (statusOf(d) !== 'awaiting_approval') throw errors.DISBURSEMENT_NOT_AWAITING({ status: statusOf(d) });
    if (d.recorded_by === actor.userId) throw errors.DISBURSEMENT_SELF_APPROVAL();
    await trx.insertInto('disbursement_decision').values({ disbursement_id: d.id, decision, reason: reason ?? null, recorded_by: d.recorded_by, decided_by: actor.userId, decided_at: clock.now() }).execute();
    await audit(trx, auditContextOf(actor), {
      event: decision === 'approved' ? 'disbursement.approved' : 'disbursement.rejected', entityType: 'disbursement', entityId: d.id, officeId: project.office_id,
      after: { communityProjectId: project.id, amountMinor: d.amount_minor, currency: d.currency, reason: reason ?? null, threshold: { amountMinor: d.threshold_minor, currency: d.threshold_currency } },
    });
    return communityDisbursementView(trx, project.id, d.id);
  });
}
