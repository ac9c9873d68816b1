import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { communityDisbursementView, findProjectDisbursement, projectInScope } from './community-disbursements.repo.js';
import { statusOf } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** A mistaken payment of a community project is reversed by a new entry with the reason; nothing is edited. It then no longer counts against the budget. */
export async function reverseCommunityDisbursement({ projectId, disbursementId, reason }: { projectId: string; disbursementId: string; reason: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'disbursement.approve');
  return db.transaction().execute(async (trx) => {
    const project = await projectInScope(trx, actor, projectId, ['disbursement.approve'], true);
    const d = await findProjectDisbursement(trx, project.id, disbursementId);
    const status = statusOf(d);
    if (status === 'reversed') throw errors.DISBURSEMENT_ALREADY_REVERSED();
    if (status !== 'paid') throw errors.DISBURSEMENT_NOT_PAID({ status });
    await trx.insertInto('disbursement_reversal').values({ disbursement_id: d.id, reason, reversed_by: actor.userId, reversed_at: clock.now() }).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.reversed', entityType: 'disbursement', entityId: d.id, officeId: project.office_id,
      after: { communityProjectId: project.id, amountMinor: d.amount_minor, currency: d.currency, reason },
    });
    return communityDisbursementView(trx, project.id, d.id);
  });
}
