import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, stageAllows } from '../cases/index.js';
import { approvedOf, assertPlanOwner, draftOf } from './plan.repo.js';
import { errors } from './reintegration.errors.js';

/** A change of the approved plan starts as a draft copied from it: each component keeps its identity and delivery status. */
export async function proposePlanChange({ caseId, expectedVersion }: { caseId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'reintegration.plan');
  return changeCase(ctx, { caseId, expectedVersion, permission: 'reintegration.plan' }, async ({ trx, case: c, now }) => {
    if (!stageAllows('reintegration.plan', c)) throw errors.PLAN_STAGE_INVALID({ stage: c.stage });
    assertPlanOwner(actor, c);
    if (await draftOf(trx, c.id)) throw errors.PLAN_DRAFT_EXISTS();
    const approved = await approvedOf(trx, c.id);
    if (!approved) throw errors.PLAN_NOT_APPROVED();
    const draft = await trx.insertInto('reintegration_plan_version')
      .values({ case_id: c.id, number: approved.number + 1, status: 'draft', drafted_by: actor.userId, drafted_at: now })
      .returning(['id', 'number']).executeTakeFirstOrThrow();
    const components = await trx.selectFrom('reintegration_component').selectAll().where('version_id', '=', approved.id).orderBy('position').execute();
    if (components.length) {
      await trx.insertInto('reintegration_component')
        .values(components.map(({ id: _id, version_id: _v, ...x }) => ({ ...x, version_id: draft.id })))
        .execute();
    }
    await audit(trx, auditContextOf(actor), {
      event: 'reintegration.plan.drafted', entityType: 'reintegration_plan', entityId: draft.id, caseId: c.id, officeId: c.office_id,
      after: { number: draft.number }, details: { basedOn: approved.number },
    });
    return draft.id;
  });
}
