import { can } from '../../platform/actor.js';
import { loadProject, projectNotFound } from './projects.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function getProject({ projectId: id }: { projectId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  const p = await db.selectFrom('project').select(['status']).where('id', '=', id).executeTakeFirst();
  if (!p || (!can(actor, 'project.manage') && p.status !== 'active')) throw projectNotFound();
  return (await loadProject(db, id))!;
}
