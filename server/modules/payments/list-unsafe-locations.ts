import type { UseCaseContext } from '../../platform/use-case.js';
import { assertProject, projectLocations } from './unsafe-locations.repo.js';

/** A project's places unsafe to revisit. */
export async function listUnsafeLocations({ projectId }: { projectId: string }, ctx: UseCaseContext) {
  await assertProject(ctx.db, projectId);
  return { items: await projectLocations(ctx.db, projectId) };
}
