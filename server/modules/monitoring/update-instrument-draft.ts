import type { Definition } from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { loadVersion, presentVersion } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';

/** Replaces a draft's definition (If-Match on the draft's version). */
export async function updateInstrumentDraft(
  { versionId, expectedVersion, definition, provisionalWeights }: { versionId: string; expectedVersion: number; definition: Definition; provisionalWeights: boolean },
  ctx: UseCaseContext,
) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.instrument.manage');
  await db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, versionId, true);
    if (v.status === 'published') throw errors.INSTRUMENT_VERSION_PUBLISHED();
    if (v.version !== expectedVersion) throw staleVersion();
    await trx
      .updateTable('monitoring_instrument_version')
      .set({ definition: JSON.stringify(definition), provisional_weights: provisionalWeights, version: v.version + 1, updated_at: clock.now() })
      .where('id', '=', versionId)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.instrument.draft_updated', entityType: 'monitoring_instrument_version', entityId: versionId,
      before: { definition: v.definition, provisionalWeights: v.provisional_weights }, after: { definition, provisionalWeights },
    });
  });
  return presentVersion(await loadVersion(db, versionId));
}
