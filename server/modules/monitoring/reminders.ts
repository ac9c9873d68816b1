import type { Actor, Clock } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import type { Db, Executor } from '../../platform/db.js';
import { caseScope } from '../cases/index.js';
import { addDays, dayOf, ensureMissingSchedules, MONITORED_STAGES } from './schedules.repo.js';
import { DUE_WINDOW_DAYS } from './worklist.js';

/**
 * The `monitoring.reminders` job (daily): makes the schedules still missing, then reminds each
 * officer in the app of their visits due within seven days or overdue: one reminder per visit and
 * day (primary key), however often the job runs that day. Returns how many it added.
 */
export async function sendMonitoringReminders(db: Db, clock: Clock) {
  const now = clock.now();
  await ensureMissingSchedules(db, now);
  const today = dayOf(now);
  const due = await db.selectFrom('monitoring_visit as v')
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .select(['v.id', 'v.officer_id'])
    .where('v.status', '=', 'planned')
    .where('v.officer_id', 'is not', null)
    .where('v.planned_on', '<=', addDays(today, DUE_WINDOW_DAYS - 1))
    .where('c.stage', 'in', [...MONITORED_STAGES])
    .execute();
  if (!due.length) return 0;
  const added = await db.insertInto('monitoring_reminder')
    .values(due.map((v) => ({ visit_id: v.id, on_date: today, user_id: v.officer_id!, created_at: now })))
    .onConflict((oc) => oc.columns(['visit_id', 'on_date']).doNothing())
    .returning('visit_id')
    .execute();
  return added.length;
}

/** The actor's reminders of the last week for visits still planned, newest first: for their notifications. */
export async function visitRemindersFor(ex: Executor, actor: Actor, limit = 20) {
  if (!can(actor, 'monitoring.visit.record')) return [];
  const rows = await ex.selectFrom('monitoring_reminder as r')
    .innerJoin('monitoring_visit as v', 'v.id', 'r.visit_id')
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .select(['v.id', 'v.case_id', 'c.case_number', 'v.planned_on', 'r.created_at'])
    .distinctOn('v.id')
    .where('r.user_id', '=', actor.userId)
    .where('v.status', '=', 'planned')
    .where('c.stage', 'in', [...MONITORED_STAGES])
    .where(caseScope(actor, 'monitoring.visit.record'))
    .orderBy('v.id')
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows
    .sort((a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime())
    .slice(0, limit)
    .map((r) => ({ id: r.id, caseId: r.case_id, caseNumber: r.case_number, dueOn: r.planned_on, at: r.created_at }));
}
