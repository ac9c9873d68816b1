import { randomUUID } from 'node:crypto';
import type { ComponentInput } from '../../../shared/schemas/reintegration.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { approvedOf, assertPlanOwner, checkComponent, clearAgreement, componentAudit, draftOf } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/**
 * Adds a component to the draft of the case's plan; the first component starts the plan (version 1).
 * Once a version is approved, a change starts with `proposePlanChange`. A change clears the
 * returnee's agreement to the draft.
 */
export async function addComponent({ caseId, expectedVersion, component }: { caseId: string; expectedVersion: number; component: ComponentInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  return changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    if (!stageAllows('reintegration.plan', c)) throw errors.PLAN_STAGE_INVALID({ stage: c.stage });
    assertPlanOwner(actor, c);
    let draft = await draftOf(trx, c.id);
    if (!draft) {
      if (await approvedOf(trx, c.id)) throw errors.PLAN_NO_DRAFT();
      draft = await trx.insertInto('reintegration_plan_version')
        .values({ case_id: c.id, number: 1, status: 'draft', drafted_by: actor.userId, drafted_at: now })
        .returningAll().executeTakeFirstOrThrow();
      await audit(trx, auditContextOf(actor), { event: 'reintegration.plan.drafted', entityType: 'reintegration_plan', entityId: draft.id, caseId: c.id, officeId: c.office_id, after: { number: 1 } });
    } else if (draft.agreed_on) {
      await clearAgreement(trx, draft.id);
    }
    const values = await checkComponent(trx, actor, c, component);
    const { max } = await trx.selectFrom('reintegration_component').select((eb) => eb.fn.max('position').as('max')).where('version_id', '=', draft.id).executeTakeFirstOrThrow();
    const row = await trx.insertInto('reintegration_component')
      .values({ ...values, version_id: draft.id, case_id: c.id, component_key: randomUUID(), position: (max ?? 0) + 1, status: 'planned', cancel_reason: null })
      .returning(['id']).executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.component.added', entityType: 'reintegration_component', entityId: row.id, caseId: c.id, officeId: c.office_id,
      after: componentAudit(values), details: { planVersion: draft.number },
    });
    return row.id;
  });
}
