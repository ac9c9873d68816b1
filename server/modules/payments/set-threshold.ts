import type { ThresholdInput } from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { officeFor, thresholdOf } from './threshold.repo.js';

/** Sets an office's disbursement approval threshold: above it a payment waits for a second person. Audited with the previous one. */
export async function setThreshold({ officeId, threshold }: { officeId: string; threshold: ThresholdInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'finance.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await officeFor(trx, actor, officeId, 'finance.manage');
    const before = await trx.selectFrom('office_disbursement_threshold').select(['amount_minor', 'currency']).where('office_id', '=', officeId).forUpdate().executeTakeFirst();
    const now = ctx.clock.now();
    await trx.insertInto('office_disbursement_threshold').values({ office_id: officeId, amount_minor: threshold.amountMinor, currency: threshold.currency, set_by: actor.userId, set_at: now })
      .onConflict((oc) => oc.column('office_id').doUpdateSet((eb) => ({
        amount_minor: threshold.amountMinor, currency: threshold.currency, set_by: actor.userId, set_at: now, version: eb('office_disbursement_threshold.version', '+', 1),
      }))).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'office.disbursement_threshold.set', entityType: 'office', entityId: officeId, officeId,
      before: before ? { amountMinor: before.amount_minor, currency: before.currency } : null, after: { amountMinor: threshold.amountMinor, currency: threshold.currency },
    });
    return thresholdOf(trx, officeId);
  });
}
