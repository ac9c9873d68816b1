import type { ComponentInput } from '../../../shared/schemas/reintegration.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { checkComponent, clearAgreement, componentAudit, draftComponent, openDraft } from './plan.repo.js';

/** Changes a component of the draft (its delivery status excepted); clears the returnee's agreement to the draft. */
export async function updateComponent({ caseId, componentId, expectedVersion, component }: { caseId: string; componentId: string; expectedVersion: number; component: ComponentInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c }) => {
    const draft = await openDraft(trx, actor, c);
    const before = await draftComponent(trx, draft.id, componentId);
    const values = await checkComponent(trx, actor, c, component, before);
    await trx.updateTable('reintegration_component').set(values).where('id', '=', componentId).execute();
    if (draft.agreed_on) await clearAgreement(trx, draft.id);
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.component.updated', entityType: 'reintegration_component', entityId: componentId, caseId: c.id, officeId: c.office_id,
      before: componentAudit(before), after: componentAudit(values), details: { planVersion: draft.number },
    });
  });
}
