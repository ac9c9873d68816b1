import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { assignCaseStaff, takeCaseAtOrigin } from '../cases/index.js';
import { errors } from './handover.errors.js';
import { findIncoming } from './handovers.js';
import { presentHandover } from './handovers.present.js';
import type { UseCaseContext } from '../../platform/use-case.js';

export async function acceptHandover({ handoverId: id, expectedVersion: expected }: { handoverId: string; expectedVersion: number }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'handover.receive');
  await db.transaction().execute(async (trx) => {
    const h = await findIncoming(trx, actor, id, true);
    if (h.version !== expected) throw staleVersion();
    if (h.status !== 'pending') throw errors.HANDOVER_NOT_PENDING({ status: h.status });
    const c = await trx.selectFrom('return_case').select(['id', 'origin_office_id', 'version', 'office_id', 'restricted']).where('id', '=', h.case_id).forUpdate().executeTakeFirstOrThrow();
    const now = clock.now();
    await trx.updateTable('handover').set({ status: 'accepted', decided_by: actor.userId, decided_at: now, version: h.version + 1 }).where('id', '=', h.id).execute();
    // From now on both offices see the case within their roles; the origin office owns its reintegration.
    await takeCaseAtOrigin(trx, actor, c, h.to_office_id, now);
    await audit(trx, auditContextOf(actor), {
      event: 'handover.accepted', entityType: 'handover', entityId: h.id, caseId: c.id, officeId: h.to_office_id,
      before: { status: 'pending' }, after: { status: 'accepted' },
    });
    // A restricted case (a victim of trafficking, an unaccompanied child) is seen only by its
    // assigned staff and supervisors: whoever accepts it at the origin office is assigned to it,
    // and so is the officer the sender named (when a supervisor accepts for them).
    if (c.restricted) {
      for (const userId of [...new Set([actor.userId, h.receiving_officer_id].filter((u): u is string => !!u))]) {
        await assignCaseStaff(trx, actor, { caseId: c.id, userId, officeId: h.to_office_id, at: now, reason: 'handover accepted' });
      }
    }
  });
  return presentHandover(await findIncoming(db, actor, id));
}
