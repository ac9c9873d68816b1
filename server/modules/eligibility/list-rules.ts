import { requirePermission, type Actor } from '../../platform/actor.js';
import { Deps, existingProject, present, selectRules } from './rules.repo.js';

export async function listRules(actor: Actor, projectId: string, { db }: Deps) {
  requirePermission(actor, 'project.manage');
  await existingProject(db, projectId);
  const rows = await selectRules(db).where('r.project_id', '=', projectId).orderBy('r.rules_version', 'desc').execute();
  return { items: rows.map(present) };
}
