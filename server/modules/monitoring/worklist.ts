import { requirePermission, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';
import { addDays, dayOf, ensureMissingSchedules, MONITORED_STAGES } from './schedules.repo.js';

/** Days ahead that count as "this week" on the worklist and for reminders. */
export const DUE_WINDOW_DAYS = 7;

/** Planned visits up to `until`, in cases of the actor's scope still monitored. */
const plannedVisits = (db: Db, actor: Actor, until: string) =>
  db.selectFrom('monitoring_visit as v')
    .innerJoin('return_case as c', 'c.id', 'v.case_id')
    .innerJoin('monitoring_schedule as s', 's.case_id', 'v.case_id')
    .leftJoin('app_user as u', 'u.id', 'v.officer_id')
    .select(['v.id', 'v.case_id', 'c.case_number', 'v.planned_on', 'v.slot', 'v.officer_id', 'u.name as officer_name', 's.lost_to_follow_up_at'])
    .where('v.status', '=', 'planned')
    .where('v.planned_on', '<=', until)
    .where('c.stage', 'in', [...MONITORED_STAGES])
    .where(caseScope(actor, 'monitoring.visit.record'));

/** Open follow-ups due up to `until` in cases of the actor's scope, the owner's when named: overdue oldest first. */
async function openFollowUps(db: Db, actor: Actor, until: string, ownerId: string | null, today: string) {
  let q = db.selectFrom('monitoring_follow_up as f')
    .innerJoin('return_case as c', 'c.id', 'f.case_id')
    .innerJoin('app_user as u', 'u.id', 'f.owner_id')
    .select(['f.id', 'f.case_id', 'c.case_number', 'f.kind', 'f.label', 'f.owner_id', 'u.name as owner_name', 'f.due_on', 'f.version'])
    .where('f.status', '=', 'open')
    .where('f.due_on', '<=', until)
    .where(caseScope(actor, 'monitoring.visit.record'));
  if (ownerId) q = q.where('f.owner_id', '=', ownerId);
  const rows = await q.orderBy('f.due_on').orderBy('c.case_number').orderBy('f.trigger_key').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id, caseId: r.case_id, caseNumber: r.case_number, kind: r.kind as 'follow_up_task' | 'referral', label: r.label as Record<'en' | 'fr' | 'es' | 'ar', string>,
    ownerId: r.owner_id, ownerName: r.owner_name, dueOn: r.due_on, overdue: r.due_on < today, version: r.version,
  }));
}

/**
 * The officer's (`mine`: visits they are to make) or the office's worklist (every visit in the
 * actor's scope): due in the next seven days, overdue oldest first, and counts per officer.
 */
export async function monitoringWorklist({ scope }: { scope: 'mine' | 'office' }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.visit.record');
  // Cases moved into monitoring without their schedule (a resumption) get it before the list is read.
  await ensureMissingSchedules(db, clock.now(), actor);
  const today = dayOf(clock.now());
  let q = plannedVisits(db, actor, addDays(today, DUE_WINDOW_DAYS - 1));
  if (scope === 'mine') q = q.where('v.officer_id', '=', actor.userId);
  const rows = await q.orderBy('v.planned_on').orderBy('c.case_number').limit(1000).execute();
  const items = rows.map((r) => ({
    visitId: r.id, caseId: r.case_id, caseNumber: r.case_number, plannedOn: r.planned_on, slot: r.slot, officerId: r.officer_id, officerName: r.officer_name ?? null,
    overdue: r.planned_on < today, lostToFollowUp: r.lost_to_follow_up_at !== null,
  }));
  const officers = new Map<string, { officerId: string | null; officerName: string | null; dueThisWeek: number; overdue: number }>();
  for (const i of items) {
    const k = i.officerId ?? '';
    const o = officers.get(k) ?? { officerId: i.officerId, officerName: i.officerName, dueThisWeek: 0, overdue: 0 };
    if (i.overdue) o.overdue += 1;
    else o.dueThisWeek += 1;
    officers.set(k, o);
  }
  return {
    today,
    dueThisWeek: items.filter((i) => !i.overdue),
    overdue: items.filter((i) => i.overdue),
    followUps: await openFollowUps(db, actor, addDays(today, DUE_WINDOW_DAYS - 1), scope === 'mine' ? actor.userId : null, today),
    byOfficer: [...officers.values()].sort((a, b) => (a.officerName ?? '').localeCompare(b.officerName ?? '')),
  };
}
