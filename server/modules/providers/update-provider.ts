import type { ProviderValues } from '../../../shared/schemas/providers.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { audited, columns, loadProvider, lockManaged, paymentColumns } from './providers.repo.js';

/**
 * Edits a provider (If-Match). `payment` absent keeps the stored details, null removes them, an
 * object replaces them; the audit says only that they changed. The office stays the same.
 */
export async function updateProvider(
  { providerId, expectedVersion, provider: input }: { providerId: string; expectedVersion: number; provider: ProviderValues },
  ctx: UseCaseContext,
) {
  const { actor, db, clock, cipher } = ctx;
  requirePermission(actor, 'provider.manage');
  if (input.payment && !cipher) throw new Error('updateProvider needs the field cipher for payment details.');
  return db.transaction().execute(async (trx) => {
    const before = await lockManaged(trx, actor, providerId);
    if (before.version !== expectedVersion) throw staleVersion();
    const payment = input.payment === undefined ? {} : paymentColumns(input.payment, cipher!);
    const after = await trx
      .updateTable('service_provider')
      .set({ ...columns(input), ...payment, version: before.version + 1, updated_at: clock.now() })
      .where('id', '=', providerId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const paymentChanged = input.payment !== undefined && (input.payment !== null || before.payment_encrypted !== null);
    await audit(trx, auditContextOf(actor), {
      event: 'provider.updated', entityType: 'service_provider', entityId: providerId, officeId: before.office_id,
      ...changedFields(audited(before), audited(after)),
      ...(paymentChanged ? { details: { paymentDetailsChanged: true } } : {}),
    });
    return loadProvider(trx, actor, providerId);
  });
}
