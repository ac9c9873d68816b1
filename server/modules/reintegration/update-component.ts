import type { ComponentInput } from '../../../shared/schemas/reintegration.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { assertPlanOwner, checkComponent, clearAgreement, componentAudit, draftOf } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/** Changes a component of the draft (its delivery status excepted); clears the returnee's agreement to the draft. */
export async function updateComponent({ caseId, componentId, expectedVersion, component }: { caseId: string; componentId: string; expectedVersion: number; component: ComponentInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c }) => {
    if (!stageAllows('reintegration.plan', c)) throw errors.PLAN_STAGE_INVALID({ stage: c.stage });
    assertPlanOwner(actor, c);
    const draft = await draftOf(trx, c.id);
    if (!draft) throw errors.PLAN_NO_DRAFT();
    const before = await trx.selectFrom('reintegration_component').selectAll().where('id', '=', componentId).where('version_id', '=', draft.id).executeTakeFirst();
    if (!before) throw errors.PLAN_COMPONENT_NOT_FOUND();
    const values = await checkComponent(trx, c, component);
    await trx.updateTable('reintegration_component').set(values).where('id', '=', componentId).execute();
    if (draft.agreed_on) await clearAgreement(trx, draft.id);
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.component.updated', entityType: 'reintegration_component', entityId: componentId, caseId: c.id, officeId: c.office_id,
      before: componentAudit(before), after: componentAudit(values), details: { planVersion: draft.number },
    });
  });
}
