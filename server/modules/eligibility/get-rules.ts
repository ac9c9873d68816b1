import { requirePermission } from '../../platform/actor.js';
import { loadRules, present } from './rules.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function getRules({ rulesId: id }: { rulesId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'project.manage');
  return present(await loadRules(db, id));
}
