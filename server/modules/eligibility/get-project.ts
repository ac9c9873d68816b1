import { can, type Actor } from '../../platform/actor.js';
import { Deps, loadProject, projectNotFound } from './projects.repo.js';

export async function getProject(actor: Actor, id: string, { db }: Deps) {
  const p = await db.selectFrom('project').select(['status']).where('id', '=', id).executeTakeFirst();
  if (!p || (!can(actor, 'project.manage') && p.status !== 'active')) throw projectNotFound();
  return (await loadProject(db, id))!;
}
