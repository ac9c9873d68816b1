import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './providers.errors.js';
import { manageable, providerNotFound } from './providers.repo.js';

/** The full bank or mobile-money details, on an explicit request of a manager of the provider: audited. */
export async function revealPaymentDetails({ providerId }: { providerId: string }, ctx: UseCaseContext) {
  const { actor, db, cipher } = ctx;
  requirePermission(actor, 'provider.manage');
  if (!cipher) throw new Error('revealPaymentDetails needs the field cipher.');
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('service_provider as p')
      .select(['p.id', 'p.office_id', 'p.payment_method', 'p.payment_encrypted'])
      .where('p.id', '=', providerId)
      .where(manageable(actor))
      .executeTakeFirst();
    if (!p) throw providerNotFound();
    if (!p.payment_encrypted || !p.payment_method) throw errors.PROVIDER_NO_PAYMENT_DETAILS();
    await audit(trx, auditContextOf(actor), { event: 'provider.payment.revealed', entityType: 'service_provider', entityId: p.id, officeId: p.office_id });
    const details = JSON.parse(cipher.decrypt(p.payment_encrypted)) as { accountName: string; institution: string; accountNumber: string; branch: string | null };
    return { id: p.id, method: p.payment_method, ...details };
  });
}
