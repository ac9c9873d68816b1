import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { changeCase, readCase } from '../cases/index.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { isoDay } from './checks.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** Records when the household arrived in the host country. */
export async function setHostArrivalDate({ caseId, expectedVersion, hostArrivalDate: date }: { caseId: string; expectedVersion: number; hostArrivalDate: string | null }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'case.update');
  const now = clock.now();
  if (date && date > isoDay(now)) throw platformErrors.VALIDATION_FAILED({ field: 'hostArrivalDate' }, 'The arrival date is in the future.');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, set, unchanged }) => {
    const before = await trx.selectFrom('return_case').select('host_arrival_date').where('id', '=', caseId).executeTakeFirstOrThrow();
    if (before.host_arrival_date === date) return unchanged();
    await set({ host_arrival_date: date });
    await audit(trx, auditContextOf(actor), {
      event: 'case.host_arrival.updated', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id,
      before: { hostArrivalDate: before.host_arrival_date }, after: { hostArrivalDate: date },
    });
  });
  return readCase(db, actor, caseId);
}
