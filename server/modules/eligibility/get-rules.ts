import { requirePermission, type Actor } from '../../platform/actor.js';
import { Deps, loadRules, present } from './rules.repo.js';

export async function getRules(actor: Actor, id: string, { db }: Deps) {
  requirePermission(actor, 'project.manage');
  return present(await loadRules(db, id));
}
