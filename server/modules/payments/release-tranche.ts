import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { casePayments } from './payments.present.js';
import { componentByKey, findTranche } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** A tranche is released for payment once every one of its conditions is met (409 TRANCHE_CONDITIONS_UNMET, naming them). */
export async function releaseTranche({ caseId, trancheId }: { caseId: string; trancheId: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  return changeCase(ctx, { caseId, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    const tranche = await findTranche(trx, c.id, trancheId, true);
    if (tranche.released_at) throw errors.TRANCHE_ALREADY_RELEASED();
    const component = await componentByKey(trx, c.id, tranche.component_key);
    if (component.status !== 'planned' && component.status !== 'in_progress') throw errors.PAYMENT_COMPONENT_CLOSED({ status: component.status });
    const unmet = await trx.selectFrom('payment_tranche_condition').select(['id', 'kind']).where('tranche_id', '=', tranche.id).where('met_at', 'is', null).orderBy('position').execute();
    if (unmet.length) throw errors.TRANCHE_CONDITIONS_UNMET({ conditions: unmet.map((u) => ({ id: u.id, kind: u.kind })) });
    await trx.updateTable('payment_tranche').set({ released_by: actor.userId, released_at: now }).where('id', '=', tranche.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'payment.tranche.released', entityType: 'payment_tranche', entityId: tranche.id, caseId: c.id, officeId: c.office_id,
      after: { position: tranche.position, amountMinor: tranche.amount_minor, currency: tranche.currency },
    });
    return casePayments(trx, c.id);
  });
}
