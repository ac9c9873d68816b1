import { can } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findCase } from '../cases/index.js';
import { errors } from './monitoring.errors.js';
import { ensureSchedule, MONITORED_STAGES } from './schedules.repo.js';
import { presentCaseMonitoring } from './visits.repo.js';

/** Who reads a case's monitoring: score readers, those who record visits, and those who close the case (without the scores). */
export const MONITORING_READERS = ['monitoring.score.read', 'monitoring.visit.record', 'case.close'] as const;

/**
 * The case's monitoring: its schedule, visits with their scores and follow-ups. A case in
 * reintegration or monitoring without a schedule (moved there by a resumption, or before
 * schedules existed) gets it now, from its project's settings: none is lost.
 */
export async function getCaseMonitoring({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  const permission = MONITORING_READERS.find((p) => can(actor, p));
  if (!permission) throw platformErrors.FORBIDDEN();
  const c = await findCase(db, actor, caseId, permission);
  const has = await db.selectFrom('monitoring_schedule').select('case_id').where('case_id', '=', c.id).executeTakeFirst();
  if (!has) {
    if (!(MONITORED_STAGES as readonly string[]).includes(c.stage)) throw errors.MONITORING_STAGE_INVALID({ stage: c.stage });
    await db.transaction().execute((trx) => ensureSchedule(trx, auditContextOf(actor), c.id, clock.now()));
  }
  return presentCaseMonitoring(db, actor, c);
}
