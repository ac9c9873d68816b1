import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { errors } from './monitoring.errors.js';
import { monitoringComplete } from './visits.repo.js';

/**
 * Closes a case in monitoring once its last scheduled visit is recorded (or it is lost to
 * follow-up), with a closing summary: the move monitoring -> closed of the workflow table, the
 * summary as its reason, kept on the schedule too. If-Match: the schedule's version.
 */
export async function closeMonitoredCase({ caseId, expectedVersion, summary }: { caseId: string; expectedVersion: number; summary: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'case.close');
  await changeCase(ctx, { caseId, permission: 'case.close' }, async ({ trx, case: c, now, move }) => {
    const s = await trx.selectFrom('monitoring_schedule').select(['version']).where('case_id', '=', c.id).forUpdate().executeTakeFirst();
    if (!s) throw errors.MONITORING_VISITS_OPEN(undefined, 'The case has no monitoring schedule yet.');
    if (s.version !== expectedVersion) throw staleVersion();
    if (c.stage !== 'monitoring') throw errors.MONITORING_STAGE_INVALID({ stage: c.stage }, 'Only a case in monitoring is closed here.');
    if (!(await monitoringComplete(trx, c.id))) throw errors.MONITORING_VISITS_OPEN();
    await move('closed', null, summary);
    await trx.updateTable('monitoring_schedule').set({ closing_summary: summary, updated_at: now, version: s.version + 1 }).where('case_id', '=', c.id).execute();
    await audit(trx, auditContextOf(actor), { event: 'monitoring.case.closed', entityType: 'monitoring_schedule', entityId: c.id, caseId: c.id, officeId: c.office_id, after: { summary } });
  });
}
