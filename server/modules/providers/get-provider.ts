import type { UseCaseContext } from '../../platform/use-case.js';
import { loadProvider, readScope } from './providers.repo.js';

/** One provider of the registry (404 outside the reader's scope). */
export async function getProvider({ providerId }: { providerId: string }, ctx: UseCaseContext) {
  readScope(ctx.actor);
  return loadProvider(ctx.db, ctx.actor, providerId);
}
