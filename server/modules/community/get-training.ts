import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { loadTraining } from './training.repo.js';

/** One group training with its sessions and the enrolled people the reader may see (404 outside the scope). */
export async function getTraining({ id }: { id: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'community.manage');
  return loadTraining(ctx.db, ctx.actor, id);
}
