import type { ProjectStatus } from '../../../shared/schemas/eligibility.js';
import { can, type Actor } from '../../platform/actor.js';
import { Deps, loadProject } from './projects.repo.js';

/** Projects are programme-wide: project managers see every project, case staff the active ones. */
export async function listProjects(actor: Actor, status: ProjectStatus | undefined, { db }: Deps) {
  const manager = can(actor, 'project.manage');
  let q = db.selectFrom('project').select('id').orderBy('code');
  if (!manager) q = q.where('status', '=', 'active');
  else if (status) q = q.where('status', '=', status);
  const ids = await q.execute();
  const items = [];
  for (const { id } of ids) items.push((await loadProject(db, id))!);
  return { items };
}
