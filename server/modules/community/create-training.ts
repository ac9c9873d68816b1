import type { TrainingValues } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { assertProviderUsable } from '../providers/index.js';
import { officeFor } from './community.repo.js';
import { loadTraining } from './training.repo.js';

/** Creates a group training of an office, given by a usable provider of the registry. */
export async function createTraining(input: TrainingValues, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const office = await officeFor(trx, actor, input.officeId);
    await assertProviderUsable(trx, actor, input.providerId);
    const now = clock.now();
    const row = await trx
      .insertInto('group_training')
      .values({ office_id: office.id, title: input.title, kind: input.kind, provider_id: input.providerId, created_by: actor.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'group_training.created', entityType: 'group_training', entityId: row.id, officeId: office.id,
      after: { title: row.title, kind: row.kind, providerId: row.provider_id },
    });
    return loadTraining(trx, actor, row.id);
  });
}
