import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { Deps, SETTINGS_ETAG_ID, coiSettings } from './coi.repo.js';

export async function updateCoiSettings(actor: Actor, expected: number, input: { staleAfterMonths: number }, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('coi_setting').select(['stale_after_months', 'version']).forUpdate().executeTakeFirstOrThrow();
    if (before.version !== expected) throw staleVersion();
    await trx.updateTable('coi_setting').set({ stale_after_months: input.staleAfterMonths, version: before.version + 1, updated_by: actor.userId, updated_at: clock.now() }).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'coi.settings.updated', entityType: 'coi_setting',
      before: { staleAfterMonths: before.stale_after_months }, after: { staleAfterMonths: input.staleAfterMonths },
    });
    return { ...(await coiSettings(trx)), id: SETTINGS_ETAG_ID };
  });
}
