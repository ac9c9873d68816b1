import type { UseCaseContext } from '../../platform/use-case.js';
import { requireInstrumentReader } from './access.js';
import { presentSummary, selectVersions } from './instruments.repo.js';

/** Every instrument with its versions, newest first. */
export async function listInstruments(_input: Record<string, never>, ctx: UseCaseContext) {
  requireInstrumentReader(ctx.actor);
  const instruments = await ctx.db.selectFrom('monitoring_instrument').selectAll().orderBy('builtin', 'desc').orderBy('name').execute();
  const versions = await selectVersions(ctx.db).orderBy('v.number', 'desc').execute();
  return {
    items: instruments.map((i) => ({
      id: i.id, key: i.key, name: i.name, builtin: i.builtin,
      versions: versions.filter((v) => v.instrument_id === i.id).map(presentSummary),
    })),
  };
}
