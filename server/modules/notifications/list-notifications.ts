import type { UseCaseContext } from '../../platform/use-case.js';
import { breakGlassToReview } from '../cases/index.js';
import { applicationsAwaiting } from '../decisions/index.js';
import { handoversAwaiting } from '../handover/index.js';
import { visitRemindersFor } from '../monitoring/index.js';
import { tasksAssigned } from '../protection/index.js';

/**
 * What landed in the actor's queues, newest first: handovers to answer, applications to approve
 * tasks (special measures) assigned to them and reminders of their monitoring visits, each read by its owning module in the actor's
 * scope. An item that arrived after the actor last looked (`seenAt`) is new. Items carry a case
 * number and ids only: no names, and links are built from ids.
 */
export async function listNotifications(_input: Record<string, never>, { actor, db }: UseCaseContext) {
  const [state, handovers, applications, tasks, visits, breakGlass] = await Promise.all([
    db.selectFrom('user_notification_state').select('seen_at').where('user_id', '=', actor.userId).executeTakeFirst(),
    handoversAwaiting(db, actor),
    applicationsAwaiting(db, actor),
    tasksAssigned(db, actor),
    visitRemindersFor(db, actor),
    breakGlassToReview(db, actor),
  ]);
  const seenAt = state ? new Date(state.seen_at) : null;
  const items = [
    ...handovers.map((h) => ({ kind: 'handover' as const, id: h.id, caseId: null, caseNumber: h.caseNumber, at: new Date(h.at), dueOn: null })),
    ...applications.map((a) => ({ kind: 'application' as const, id: a.id, caseId: a.caseId, caseNumber: a.caseNumber, at: new Date(a.at), dueOn: null })),
    ...visits.map((v) => ({ kind: 'monitoring_visit' as const, id: v.id, caseId: v.caseId, caseNumber: v.caseNumber, at: new Date(v.at), dueOn: v.dueOn })),
    // Data-protection officers: break-glass accesses not yet reviewed (the case number only: they do not open the case).
    ...breakGlass.map((g) => ({ kind: 'break_glass' as const, id: g.id, caseId: null, caseNumber: g.caseNumber, at: new Date(g.at), dueOn: null })),
    ...tasks.map((t) => ({ kind: 'task' as const, id: t.id, caseId: t.caseId, caseNumber: t.caseNumber, at: new Date(t.at), dueOn: t.dueOn, taskKind: t.kind })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  const present = items.map((i) => ({ ...i, at: i.at.toISOString(), new: !seenAt || i.at > seenAt }));
  return { seenAt: seenAt?.toISOString() ?? null, unseen: present.filter((i) => i.new).length, items: present };
}
