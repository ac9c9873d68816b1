import { planStageMoved } from './stage-hooks.js';
import type { ApprovalInput } from '../../../shared/schemas/reintegration.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { allDone } from './delivery.js';
import { assertWithinEntitlement, dayOf, entitlementCheck, syncCommitments } from './plan-money.js';
import { approvedOf, assertPlanOwner, draftOf } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/**
 * A second person approves the draft the returnee agreed to (never its author, as for
 * applications). The previous approved version is superseded and the delivery status of each
 * component carries over to the same component of the new one. The first approval moves the case
 * from arrived to reintegration; a version whose every component is delivered or cancelled moves
 * a case in reintegration on to monitoring.
 *
 * Money, in the same transaction: the version is checked against the confirmed entitlement in the
 * project's currency (`entitlementCheck`: over it, or without one, needs a reason from a holder of
 * reintegration.override, kept on the version and audited), and each component's planned amount
 * is committed to its budget line in the line's currency at the day's rate, or only the difference
 * from what the previous approvals committed (`syncCommitments`).
 */
export async function approvePlan({ caseId, expectedVersion, approval = {} }: { caseId: string; expectedVersion: number; approval?: ApprovalInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.approve');
  const entitlementReason = approval.entitlementOverrideReason?.trim() || null;
  const budgetReason = approval.budgetOverrideReason?.trim() || null;
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.approve' }, async ({ trx, case: c, now, move }) => {
    if (!stageAllows('reintegration.approve', c)) throw errors.PLAN_APPROVAL_STAGE_INVALID({ stage: c.stage });
    assertPlanOwner(actor, c);
    const draft = await draftOf(trx, c.id);
    if (!draft) throw errors.PLAN_NO_DRAFT();
    if (draft.drafted_by === actor.userId) throw errors.PLAN_SELF_APPROVAL();
    const components = await trx.selectFrom('reintegration_component').selectAll().where('version_id', '=', draft.id).execute();
    if (components.length === 0) throw errors.PLAN_EMPTY();
    if (!draft.agreed_on) throw errors.PLAN_AGREEMENT_REQUIRED();
    const day = dayOf(now);
    const previous = await approvedOf(trx, c.id);
    if (previous) {
      // Deliveries recorded on the approved version while the change was drafted carry over.
      const delivered = await trx.selectFrom('reintegration_component').select(['component_key', 'status', 'cancel_reason']).where('version_id', '=', previous.id).execute();
      for (const x of components) {
        const was = delivered.find((d) => d.component_key === x.component_key);
        if (was) {
          await trx.updateTable('reintegration_component').set({ status: was.status, cancel_reason: was.cancel_reason }).where('id', '=', x.id).execute();
          Object.assign(x, { status: was.status, cancel_reason: was.cancel_reason });
        }
      }
      await trx.updateTable('reintegration_plan_version').set({ status: 'superseded', superseded_at: now }).where('id', '=', previous.id).execute();
    }
    // Without a reason a missing rate is refused (409 EXCHANGE_RATE_MISSING); with one, what could not be converted is part of what is overridden.
    const check = await entitlementCheck(trx, c.id, draft.id, components, day, !entitlementReason);
    const overrideReason = assertWithinEntitlement(actor, check, entitlementReason);
    await syncCommitments({ ...ctx, db: trx }, { caseId: c.id, versionId: draft.id, components, day, budgetOverrideReason: budgetReason });
    await trx.updateTable('reintegration_plan_version').set({
      status: 'approved', approved_by: actor.userId, approved_at: now,
      entitlement_override_reason: overrideReason, entitlement_overridden_by: overrideReason ? actor.userId : null, entitlement_check: JSON.stringify(check),
    }).where('id', '=', draft.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.plan.approved', entityType: 'reintegration_plan', entityId: draft.id, caseId: c.id, officeId: c.office_id,
      before: { status: 'draft' },
      after: { status: 'approved', number: draft.number, ...(overrideReason ? { entitlementOverridden: true, entitlementOverrideReason: overrideReason } : {}) },
      details: {
        ...(previous ? { supersedes: previous.number } : {}),
        entitlement: check.entitlement, currency: check.currency, withinEntitlement: check.withinEntitlement,
        over: check.components.filter((l) => l.over).map((l) => l.component),
      },
    });
    if (c.stage === 'arrived') {
      await move('reintegration', 'reintegration');
      await planStageMoved(trx, actor, c.id, 'reintegration', now);
    } else if (c.stage === 'reintegration' && (await allDone(trx, draft.id))) {
      await move('monitoring', 'reintegration');
      await planStageMoved(trx, actor, c.id, 'monitoring', now);
    }
  });
}
