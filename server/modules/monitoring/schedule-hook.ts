import type { Stage } from '../../../shared/cases.js';
import type { Actor } from '../../platform/actor.js';
import { auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { ensureSchedule } from './schedules.repo.js';

/** In the plan's transaction: the case entering reintegration or monitoring gets its schedule (once). */
export async function scheduleOnPlanMove(trx: Tx, actor: Actor, caseId: string, _to: Stage, now: Date) {
  await ensureSchedule(trx, auditContextOf(actor), caseId, now);
}
