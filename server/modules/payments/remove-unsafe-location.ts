import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './payments.errors.js';
import { assertProject, projectLocations } from './unsafe-locations.repo.js';

/** A place of a project is no longer unsafe to revisit. */
export async function removeUnsafeLocation({ projectId, locationId }: { projectId: string; locationId: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'project.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await assertProject(trx, projectId);
    const row = await trx.deleteFrom('project_unsafe_location').where('id', '=', locationId).where('project_id', '=', projectId)
      .returning(['country', 'place', 'reason']).executeTakeFirst();
    if (!row) throw errors.UNSAFE_LOCATION_NOT_FOUND();
    await audit(trx, auditContextOf(actor), {
      event: 'project.unsafe_location.removed', entityType: 'project', entityId: projectId, before: { locationId, ...row }, after: null,
    });
    return { items: await projectLocations(trx, projectId) };
  });
}
