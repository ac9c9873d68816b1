import { requirePermission } from '../../platform/actor.js';
import { existingProject, present, selectRules } from './rules.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function listRules({ projectId }: { projectId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'project.manage');
  await existingProject(db, projectId);
  const rows = await selectRules(db).where('r.project_id', '=', projectId).orderBy('r.rules_version', 'desc').execute();
  return { items: rows.map(present) };
}
