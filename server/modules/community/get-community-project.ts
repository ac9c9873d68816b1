import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { loadCommunityProject } from './community.repo.js';

/** One community project with its partners and the linked returnees the reader may see (404 outside the scope). */
export async function getCommunityProject({ id }: { id: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'community.manage');
  return loadCommunityProject(ctx.db, ctx.actor, id);
}
