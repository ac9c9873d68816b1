import type { UseCaseContext } from '../../platform/use-case.js';
import { requireInstrumentReader } from './access.js';
import { loadVersion, presentVersion } from './instruments.repo.js';

export async function getInstrumentVersion({ versionId }: { versionId: string }, ctx: UseCaseContext) {
  requireInstrumentReader(ctx.actor);
  return presentVersion(await loadVersion(ctx.db, versionId));
}
