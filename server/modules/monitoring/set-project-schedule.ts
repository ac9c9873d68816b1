import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { assertProject, getProjectSchedule } from './project-schedule.js';
import { projectSchedule } from './schedules.repo.js';

/**
 * Sets a project's monitoring schedule (If-Match: version 0 for a project on the default).
 * Cases already scheduled keep theirs; cases entering reintegration or monitoring afterwards get it.
 */
export async function setProjectSchedule(
  { projectId, expectedVersion, anchor, offsetsMonths }: { projectId: string; expectedVersion: number; anchor: 'arrival' | 'last_disbursement'; offsetsMonths: number[] },
  ctx: UseCaseContext,
) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'project.manage');
  await db.transaction().execute(async (trx) => {
    await assertProject(trx, projectId);
    await trx.selectFrom('project').select('id').where('id', '=', projectId).forUpdate().execute();
    const before = await projectSchedule(trx, projectId);
    if (before.version !== expectedVersion) throw staleVersion();
    const now = clock.now();
    await trx.insertInto('monitoring_project_schedule')
      .values({ project_id: projectId, anchor, offsets_months: offsetsMonths, updated_by: actor.userId, updated_at: now })
      .onConflict((oc) => oc.column('project_id').doUpdateSet({ anchor, offsets_months: offsetsMonths, updated_by: actor.userId, updated_at: now, version: before.version + 1 }))
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.project_schedule.set', entityType: 'project', entityId: projectId,
      before: { anchor: before.anchor, offsetsMonths: before.offsetsMonths, isDefault: before.isDefault }, after: { anchor, offsetsMonths },
    });
  });
  return getProjectSchedule({ projectId }, ctx);
}
