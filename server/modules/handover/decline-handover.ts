import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { errors } from './handover.errors.js';
import { findIncoming } from './handovers.js';
import { presentHandover } from './handovers.present.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function declineHandover({ handoverId: id, expectedVersion: expected, reason }: { handoverId: string; expectedVersion: number; reason: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'handover.receive');
  if (!reason.trim()) throw errors.HANDOVER_DECLINE_REASON_REQUIRED({ field: 'reason' });
  await db.transaction().execute(async (trx) => {
    const h = await findIncoming(trx, actor, id, true);
    if (h.version !== expected) throw staleVersion();
    if (h.status !== 'pending') throw errors.HANDOVER_NOT_PENDING({ status: h.status });
    await trx
      .updateTable('handover')
      .set({ status: 'declined', decided_by: actor.userId, decided_at: clock.now(), decline_reason: reason.trim(), version: h.version + 1 })
      .where('id', '=', h.id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'handover.declined', entityType: 'handover', entityId: h.id, caseId: h.case_id, officeId: h.to_office_id,
      before: { status: 'pending' }, after: { status: 'declined', reason: reason.trim() },
    });
  });
  return presentHandover(await findIncoming(db, actor, id));
}
