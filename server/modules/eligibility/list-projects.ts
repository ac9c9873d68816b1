import type { ProjectStatus } from '../../../shared/schemas/eligibility.js';
import { can } from '../../platform/actor.js';
import { loadProject } from './projects.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Projects are programme-wide: project managers see every project, case staff and statistics readers the active ones. */
export async function listProjects({ status }: { status?: ProjectStatus }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  const manager = can(actor, 'project.manage');
  let q = db.selectFrom('project').select('id').orderBy('code');
  if (!manager) q = q.where('status', '=', 'active');
  else if (status) q = q.where('status', '=', status);
  const ids = await q.execute();
  const items = [];
  for (const { id } of ids) items.push((await loadProject(db, id))!);
  return { items };
}
