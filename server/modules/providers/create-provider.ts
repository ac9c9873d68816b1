import type { ProviderValues } from '../../../shared/schemas/providers.js';
import { requirePermission, scopeFor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { officeInScope } from '../../platform/scope.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './providers.errors.js';
import { audited, columns, loadProvider, paymentColumns } from './providers.repo.js';

/** Registers a provider in an office's registry (the user's own office unless another in scope is named); vetted from the start. */
export async function createProvider(input: ProviderValues, ctx: UseCaseContext) {
  const { actor, db, clock, cipher } = ctx;
  requirePermission(actor, 'provider.manage');
  if (input.payment && !cipher) throw new Error('createProvider needs the field cipher for payment details.');
  const officeId = input.officeId ?? actor.officeId;
  if (!officeId) throw errors.PROVIDER_OFFICE_REQUIRED({ field: 'officeId' });
  return db.transaction().execute(async (trx) => {
    const office = await trx.selectFrom('office').select(['id', 'organisation_id']).where('id', '=', officeId).executeTakeFirst();
    if (!office || !officeInScope(actor, scopeFor(actor, 'provider.manage'), office)) throw platformErrors.OFFICE_NOT_FOUND({ field: 'officeId' });
    const now = clock.now();
    const row = await trx
      .insertInto('service_provider')
      .values({ ...columns(input), ...paymentColumns(input.payment ?? null, cipher!), office_id: office.id, created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'provider.created', entityType: 'service_provider', entityId: row.id, officeId: office.id, after: audited(row),
      ...(row.payment_method ? { details: { paymentDetailsSet: true } } : {}),
    });
    return loadProvider(trx, actor, row.id);
  });
}
