import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { errors } from './community.errors.js';
import { loadCommunityProject, lockProject } from './community.repo.js';

/**
 * Links a returnee's case to a community project: the case must be in the actor's reach
 * (`community.manage`'s scope; 404 otherwise, so existence does not leak). The case is locked and
 * scoped through the cases module; its version stays. Audited on the case.
 */
export async function linkReturnee({ id, caseId }: { id: string; caseId: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'community.manage');
  return changeCase(ctx, { caseId, permission: 'community.manage' }, async ({ trx, case: c, now }) => {
    const project = await lockProject(trx, ctx.actor, id);
    const inserted = await trx
      .insertInto('community_project_returnee')
      .values({ community_project_id: id, case_id: c.id, linked_by: ctx.actor.userId, linked_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('case_id')
      .executeTakeFirst();
    if (!inserted) throw errors.COMMUNITY_RETURNEE_ALREADY_LINKED({ caseId });
    await audit(trx, auditContextOf(ctx.actor), {
      event: 'community_project.returnee_linked', entityType: 'community_project', entityId: id, caseId: c.id, officeId: project.office_id,
      after: { caseId: c.id },
    });
    return loadCommunityProject(trx, ctx.actor, id);
  });
}

/** Unlinks a returnee's case from a community project (the case in reach), audited on the case. */
export async function unlinkReturnee({ id, caseId }: { id: string; caseId: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'community.manage');
  return changeCase(ctx, { caseId, permission: 'community.manage' }, async ({ trx, case: c }) => {
    const project = await lockProject(trx, ctx.actor, id);
    const removed = await trx.deleteFrom('community_project_returnee').where('community_project_id', '=', id).where('case_id', '=', c.id).returning('case_id').executeTakeFirst();
    if (!removed) throw errors.COMMUNITY_RETURNEE_NOT_LINKED({ caseId });
    await audit(trx, auditContextOf(ctx.actor), {
      event: 'community_project.returnee_unlinked', entityType: 'community_project', entityId: id, caseId: c.id, officeId: project.office_id,
      before: { caseId: c.id },
    });
    return loadCommunityProject(trx, ctx.actor, id);
  });
}
