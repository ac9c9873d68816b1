import { planStageMoved } from './stage-hooks.js';
import type { ComponentStatusInput } from '../../../shared/schemas/reintegration.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { assertDeliverable } from './delivery-check.js';
import { allDone } from './delivery.js';
import { dayOf, syncCommitments } from './plan-money.js';
import { approvedOf, assertPlanOwner } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/** Which delivery status may follow which. */
const NEXT: Record<string, readonly string[]> = {
  planned: ['in_progress', 'delivered', 'cancelled'],
  in_progress: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
};

/**
 * A component of the approved plan is in progress, delivered or cancelled (with a reason): audited,
 * no new version. A cancellation releases what its budget line holds for it and was not disbursed.
 * When the last open component is delivered or cancelled, a case in reintegration
 * moves on to monitoring in the same transaction.
 */
export async function setComponentStatus({ caseId, componentId, expectedVersion, change }: { caseId: string; componentId: string; expectedVersion: number; change: ComponentStatusInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  const reason = change.reason?.trim() || null;
  if (change.status === 'cancelled' && !reason) throw errors.PLAN_CANCEL_REASON_REQUIRED({ field: 'reason' });
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c, move, now }) => {
    if (!stageAllows('reintegration.deliver', c)) throw errors.PLAN_STAGE_INVALID({ stage: c.stage });
    assertPlanOwner(actor, c);
    const approved = await approvedOf(trx, c.id);
    const component = approved
      ? await trx.selectFrom('reintegration_component').select(['id', 'status', 'component_key', 'budget_line_id', 'amount_minor', 'currency']).where('id', '=', componentId).where('version_id', '=', approved.id).executeTakeFirst()
      : undefined;
    if (!approved || !component) throw errors.PLAN_COMPONENT_NOT_FOUND();
    if (!NEXT[component.status]?.includes(change.status)) throw errors.PLAN_COMPONENT_STATUS_INVALID({ from: component.status, to: change.status });
    // Every paid disbursement of a delivered component has its receipt or a waiver (payments module).
    if (change.status === 'delivered') await assertDeliverable(trx, { caseId: c.id, componentKey: component.component_key });
    await trx.updateTable('reintegration_component')
      .set({ status: change.status, cancel_reason: change.status === 'cancelled' ? reason : null })
      .where('id', '=', componentId).execute();
    if (change.status === 'cancelled') {
      await syncCommitments({ ...ctx, db: trx }, { caseId: c.id, versionId: approved.id, components: [{ ...component, status: 'cancelled' }], day: dayOf(now), onlyKey: component.component_key });
    }
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.component.status_changed', entityType: 'reintegration_component', entityId: componentId, caseId: c.id, officeId: c.office_id,
      before: { status: component.status }, after: { status: change.status, ...(reason && change.status === 'cancelled' ? { cancelReason: reason } : {}) },
      details: { planVersion: approved.number },
    });
    if (c.stage === 'reintegration' && (await allDone(trx, approved.id))) {
      await move('monitoring', 'reintegration');
      await planStageMoved(trx, ctx.actor, c.id, 'monitoring', now);
    }
  });
}
