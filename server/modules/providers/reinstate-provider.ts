import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './providers.errors.js';
import { loadProvider, lockManaged } from './providers.repo.js';

/** Reinstates a suspended provider with a reason (If-Match): it is vetted again. */
export async function reinstateProvider({ providerId, expectedVersion, reason }: { providerId: string; expectedVersion: number; reason: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'provider.manage');
  return db.transaction().execute(async (trx) => {
    const before = await lockManaged(trx, actor, providerId);
    if (before.version !== expectedVersion) throw staleVersion();
    if (before.status !== 'suspended') throw errors.PROVIDER_NOT_SUSPENDED();
    const now = clock.now();
    await trx
      .updateTable('service_provider')
      .set({ status: 'vetted', status_reason: reason, status_changed_by: actor.userId, status_changed_at: now, version: before.version + 1, updated_at: now })
      .where('id', '=', providerId)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'provider.reinstated', entityType: 'service_provider', entityId: providerId, officeId: before.office_id,
      before: { status: before.status, statusReason: before.status_reason }, after: { status: 'vetted', statusReason: reason },
    });
    return loadProvider(trx, actor, providerId);
  });
}
