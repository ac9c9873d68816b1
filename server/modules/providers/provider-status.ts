import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './providers.errors.js';
import { loadProvider, lockManaged } from './providers.repo.js';

type StatusChange = { providerId: string; expectedVersion: number; reason: string };

/** Moves a provider between vetted and suspended with a reason (If-Match), audited. */
async function changeStatus({ providerId, expectedVersion, reason }: StatusChange, { actor, db, clock }: UseCaseContext, to: 'suspended' | 'vetted') {
  requirePermission(actor, 'provider.manage');
  return db.transaction().execute(async (trx) => {
    const before = await lockManaged(trx, actor, providerId);
    if (before.version !== expectedVersion) throw staleVersion();
    if (to === 'suspended' && before.status === 'suspended') throw errors.PROVIDER_ALREADY_SUSPENDED();
    if (to === 'vetted' && before.status !== 'suspended') throw errors.PROVIDER_NOT_SUSPENDED();
    const now = clock.now();
    await trx
      .updateTable('service_provider')
      .set({ status: to, status_reason: reason, status_changed_by: actor.userId, status_changed_at: now, version: before.version + 1, updated_at: now })
      .where('id', '=', providerId)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: to === 'suspended' ? 'provider.suspended' : 'provider.reinstated', entityType: 'service_provider', entityId: providerId, officeId: before.office_id,
      before: { status: before.status, statusReason: before.status_reason }, after: { status: to, statusReason: reason },
    });
    return loadProvider(trx, actor, providerId);
  });
}

/** Suspends a vetted provider with a reason: from then on it receives no new components or payments. */
export const suspendProvider = (input: StatusChange, ctx: UseCaseContext) => changeStatus(input, ctx, 'suspended');

/** Reinstates a suspended provider with a reason: it is vetted again. */
export const reinstateProvider = (input: StatusChange, ctx: UseCaseContext) => changeStatus(input, ctx, 'vetted');
