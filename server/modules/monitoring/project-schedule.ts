import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './monitoring.errors.js';
import { projectSchedule } from './schedules.repo.js';

export async function assertProject(ex: UseCaseContext['db'], projectId: string) {
  const p = await ex.selectFrom('project').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!p) throw errors.MONITORING_PROJECT_NOT_FOUND();
}

/** A project's monitoring schedule, or the default it gets without one (version 0). */
export async function getProjectSchedule({ projectId }: { projectId: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'project.manage');
  await assertProject(ctx.db, projectId);
  const s = await projectSchedule(ctx.db, projectId);
  return { id: projectId, projectId, ...s };
}
