import type { UnsafeLocationInput } from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './payments.errors.js';
import { assertProject, projectLocations } from './unsafe-locations.repo.js';

/** Marks a place of a project unsafe to revisit: its cases returning there get one tranche proposed. */
export async function addUnsafeLocation({ projectId, location }: { projectId: string; location: UnsafeLocationInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'project.manage');
  return ctx.db.transaction().execute(async (trx) => {
    await assertProject(trx, projectId);
    const row = await trx.insertInto('project_unsafe_location').values({
      project_id: projectId, country: location.country, place: location.place, reason: location.reason, created_by: actor.userId, created_at: ctx.clock.now(),
    }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!row) throw errors.UNSAFE_LOCATION_EXISTS({ field: 'place' });
    await audit(trx, auditContextOf(actor), {
      event: 'project.unsafe_location.added', entityType: 'project', entityId: projectId, after: { locationId: row.id, country: location.country, place: location.place, reason: location.reason },
    });
    return (await projectLocations(trx, projectId)).find((l) => l.id === row.id)!;
  });
}
