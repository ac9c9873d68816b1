import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { definitionOf, loadVersion, presentVersion } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';

/** Publishes a draft: from then on it never changes (the database refuses it too). */
export async function publishInstrumentVersion({ versionId, expectedVersion }: { versionId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.instrument.manage');
  await db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, versionId, true);
    if (v.status === 'published') throw errors.INSTRUMENT_VERSION_PUBLISHED(undefined, 'This version is already published.');
    if (v.version !== expectedVersion) throw staleVersion();
    // What was stored must still be a valid definition before visits rely on it.
    definitionOf(v);
    const now = clock.now();
    await trx.updateTable('monitoring_instrument_version').set({ status: 'published', published_by: actor.userId, published_at: now, version: v.version + 1, updated_at: now }).where('id', '=', versionId).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.instrument.published', entityType: 'monitoring_instrument_version', entityId: versionId,
      after: { instrumentId: v.instrument_id, number: v.number, provisionalWeights: v.provisional_weights },
    });
  });
  return presentVersion(await loadVersion(db, versionId));
}
