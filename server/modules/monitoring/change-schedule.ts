import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { getCaseMonitoring } from './get-case-monitoring.js';
import { planVisits } from './schedules.repo.js';

export interface ChangeScheduleInput {
  caseId: string;
  expectedVersion: number;
  anchor: 'arrival' | 'last_disbursement';
  anchorDate: string;
  offsetsMonths: number[];
  reason: string;
}

/**
 * Changes one case's schedule, with a reason (audited): planned visits are replaced by the new
 * offsets; slots already visited keep their visits and are not planned again.
 */
export async function changeSchedule({ caseId, expectedVersion, anchor, anchorDate, offsetsMonths, reason }: ChangeScheduleInput, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'monitoring.visit.record');
  await getCaseMonitoring({ caseId }, ctx);
  await changeCase(ctx, { caseId, permission: 'monitoring.visit.record' }, async ({ trx, case: c, now }) => {
    const s = await trx.selectFrom('monitoring_schedule').selectAll().where('case_id', '=', c.id).forUpdate().executeTakeFirstOrThrow();
    if (s.version !== expectedVersion) throw staleVersion();
    const visited = await trx.selectFrom('monitoring_visit').select('slot').distinct()
      .where('case_id', '=', c.id).where('status', '=', 'recorded').where('outcome', '!=', 'not_reached').execute();
    const done = new Set(visited.map((v) => v.slot));
    await trx.updateTable('monitoring_visit').set({ status: 'cancelled', updated_at: now }).where('case_id', '=', c.id).where('status', '=', 'planned').execute();
    await trx.updateTable('monitoring_schedule').set({
      anchor, anchor_date: anchorDate, offsets_months: offsetsMonths, source: 'changed', change_reason: reason, updated_at: now, version: s.version + 1,
    }).where('case_id', '=', c.id).execute();
    if (!s.lost_to_follow_up_at) {
      for (const [i, m] of offsetsMonths.entries()) if (!done.has(i + 1)) await planVisits(trx, c.id, c.owner_id, anchorDate, [m], now, i + 1);
    }
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.schedule.changed', entityType: 'monitoring_schedule', entityId: c.id, caseId: c.id, officeId: c.office_id,
      before: { anchor: s.anchor, anchorDate: s.anchor_date, offsetsMonths: s.offsets_months }, after: { anchor, anchorDate, offsetsMonths }, details: { reason },
    });
  });
  return getCaseMonitoring({ caseId }, ctx);
}
