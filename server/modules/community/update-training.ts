import type { TrainingValues } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { assertProviderUsable } from '../providers/index.js';
import { loadTraining, lockTraining } from './training.repo.js';

/** Edits a group training's title, kind and provider (If-Match); a new provider must be usable. The office stays. */
export async function updateTraining({ id, expectedVersion, training: input }: { id: string; expectedVersion: number; training: TrainingValues }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const before = await lockTraining(trx, actor, id);
    if (before.version !== expectedVersion) throw staleVersion();
    if (input.providerId !== before.provider_id) await assertProviderUsable(trx, actor, input.providerId);
    const after = await trx
      .updateTable('group_training')
      .set({ title: input.title, kind: input.kind, provider_id: input.providerId, version: before.version + 1, updated_at: clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const pick = (r: typeof before) => ({ title: r.title, kind: r.kind, providerId: r.provider_id });
    await audit(trx, auditContextOf(actor), { event: 'group_training.updated', entityType: 'group_training', entityId: id, officeId: before.office_id, ...changedFields(pick(before), pick(after)) });
    return loadTraining(trx, actor, id);
  });
}
