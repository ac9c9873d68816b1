import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { allDone } from './delivery.js';
import { approvedOf, assertPlanOwner, draftOf } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/**
 * A second person approves the draft the returnee agreed to (never its author, as for
 * applications). The previous approved version is superseded and the delivery status of each
 * component carries over to the same component of the new one. The first approval moves the case
 * from arrived to reintegration; a version whose every component is delivered or cancelled moves
 * a case in reintegration on to monitoring.
 */
export async function approvePlan({ caseId, expectedVersion }: { caseId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.approve');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.approve' }, async ({ trx, case: c, now, move }) => {
    if (!stageAllows('reintegration.approve', c)) throw errors.PLAN_APPROVAL_STAGE_INVALID({ stage: c.stage });
    assertPlanOwner(actor, c);
    const draft = await draftOf(trx, c.id);
    if (!draft) throw errors.PLAN_NO_DRAFT();
    if (draft.drafted_by === actor.userId) throw errors.PLAN_SELF_APPROVAL();
    const components = await trx.selectFrom('reintegration_component').select(['id', 'component_key']).where('version_id', '=', draft.id).execute();
    if (components.length === 0) throw errors.PLAN_EMPTY();
    if (!draft.agreed_on) throw errors.PLAN_AGREEMENT_REQUIRED();
    const previous = await approvedOf(trx, c.id);
    if (previous) {
      // Deliveries recorded on the approved version while the change was drafted carry over.
      const delivered = await trx.selectFrom('reintegration_component').select(['component_key', 'status', 'cancel_reason']).where('version_id', '=', previous.id).execute();
      for (const x of components) {
        const was = delivered.find((d) => d.component_key === x.component_key);
        if (was) await trx.updateTable('reintegration_component').set({ status: was.status, cancel_reason: was.cancel_reason }).where('id', '=', x.id).execute();
      }
      await trx.updateTable('reintegration_plan_version').set({ status: 'superseded', superseded_at: now }).where('id', '=', previous.id).execute();
    }
    await trx.updateTable('reintegration_plan_version').set({ status: 'approved', approved_by: actor.userId, approved_at: now }).where('id', '=', draft.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.plan.approved', entityType: 'reintegration_plan', entityId: draft.id, caseId: c.id, officeId: c.office_id,
      before: { status: 'draft' }, after: { status: 'approved', number: draft.number }, details: previous ? { supersedes: previous.number } : undefined,
    });
    if (c.stage === 'arrived') await move('reintegration', 'reintegration');
    else if (c.stage === 'reintegration' && (await allDone(trx, draft.id))) await move('monitoring', 'reintegration');
  });
}
