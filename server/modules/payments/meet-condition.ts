import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { casePayments } from './payments.present.js';
import { findTranche } from './payments.repo.js';
import { errors } from './payments.errors.js';
import { previousTrancheSettled } from './receipts.js';
import { assertTrainingCompleted } from './training-conditions.js';

/**
 * A condition of a tranche is met: who and when, with an optional note. "Receipts of the previous
 * tranche" is met only when each payment of the previous tranche has a receipt or a waiver. Meeting
 * a met condition again changes nothing. "Training attended" naming a training is met only when a
 * member of the case completed it (and is met by itself when staff set that completion).
 */
export async function meetCondition({ caseId, trancheId, conditionId, note }: { caseId: string; trancheId: string; conditionId: string; note?: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  return changeCase(ctx, { caseId, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    const tranche = await findTranche(trx, c.id, trancheId, true);
    const condition = await trx.selectFrom('payment_tranche_condition').selectAll().where('id', '=', conditionId).where('tranche_id', '=', tranche.id).executeTakeFirst();
    if (!condition) throw errors.TRANCHE_CONDITION_NOT_FOUND();
    if (condition.met_at === null) {
      if (condition.kind === 'receipts_previous_tranche' && !(await previousTrancheSettled(trx, tranche))) throw errors.TRANCHE_PREVIOUS_RECEIPTS_MISSING();
      if (condition.kind === 'training_attended' && condition.training_id) await assertTrainingCompleted(trx, { caseId: c.id, trainingId: condition.training_id });
      await trx.updateTable('payment_tranche_condition').set({ met_by: actor.userId, met_at: now, met_note: note ?? null }).where('id', '=', condition.id).execute();
      await audit(trx, auditContextOf(actor), {
        event: 'payment.tranche.condition_met', entityType: 'payment_tranche', entityId: tranche.id, caseId: c.id, officeId: c.office_id,
        after: { conditionId: condition.id, kind: condition.kind, note: note ?? null },
      });
    }
    return casePayments(trx, c.id);
  });
}
