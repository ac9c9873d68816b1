import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { clearAgreement, componentAudit, draftComponent, openDraft } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/** Removes a component from the draft; one that has started or ended stays (cancel it instead). */
export async function removeComponent({ caseId, componentId, expectedVersion }: { caseId: string; componentId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c }) => {
    const draft = await openDraft(trx, actor, c);
    const before = await draftComponent(trx, draft.id, componentId);
    if (before.status !== 'planned') throw errors.PLAN_COMPONENT_NOT_PLANNED({ status: before.status });
    await trx.deleteFrom('reintegration_component').where('id', '=', componentId).execute();
    if (draft.agreed_on) await clearAgreement(trx, draft.id);
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.component.removed', entityType: 'reintegration_component', entityId: componentId, caseId: c.id, officeId: c.office_id,
      before: componentAudit(before), details: { planVersion: draft.number },
    });
  });
}
