import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { errors } from './providers.errors.js';
import { readable } from './providers.repo.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For other modules, before a provider receives a new component or a payment: the provider
 * exists in the actor's reach (404 PROVIDER_NOT_FOUND otherwise, so existence does not leak) and
 * is vetted (409 PROVIDER_SUSPENDED, with the reason, otherwise). Call it inside the transaction
 * of the change: the row is share-locked, so a suspension made meanwhile waits for that
 * transaction, and one made before is seen.
 */
export async function assertProviderUsable(ex: Executor, actor: Actor, providerId: string): Promise<{ id: string; name: string; officeId: string }> {
  if (!UUID.test(providerId)) throw errors.PROVIDER_NOT_FOUND({ providerId });
  const p = await ex
    .selectFrom('service_provider as p')
    .select(['p.id', 'p.name', 'p.office_id', 'p.status', 'p.status_reason'])
    .where('p.id', '=', providerId)
    .where(readable(actor))
    .forShare()
    .executeTakeFirst();
  if (!p) throw errors.PROVIDER_NOT_FOUND({ providerId });
  if (p.status !== 'vetted') throw errors.PROVIDER_SUSPENDED({ providerId, reason: p.status_reason });
  return { id: p.id, name: p.name, officeId: p.office_id };
}
