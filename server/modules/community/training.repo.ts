import type { Selectable } from 'kysely';
import { COMPLETION_SUGGESTED_FROM, type Completion } from '../../../shared/schemas/community.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { errors } from './community.errors.js';
import { manageable, visibleCase } from './community.repo.js';
import type { GroupTrainingTable } from './community.tables.js';

export type TrainingRow = Selectable<GroupTrainingTable>;

/** One training the actor manages, its row locked for a change (404 outside the scope). */
export async function lockTraining(ex: Executor, actor: Actor, id: string): Promise<TrainingRow> {
  const row = await ex.selectFrom('group_training as gt').selectAll('gt').where('gt.id', '=', id).where(manageable(actor, 'gt')).forUpdate().executeTakeFirst();
  if (!row) throw errors.TRAINING_NOT_FOUND();
  return row;
}

/** Completion suggested from attendance: at least 80 % of the sessions attended; null before any session. */
export const suggestCompletion = (attended: number, total: number): Completion | null =>
  total === 0 ? null : attended >= COMPLETION_SUGGESTED_FROM * total ? 'completed' : 'not_completed';

/** Sessions of a training in order, and the attendance recorded for each person. */
async function sessionsAndAttendance(ex: Executor, trainingId: string) {
  const sessions = await ex
    .selectFrom('group_training_session')
    .select(['id', 'held_on', 'starts_at', 'duration_minutes', 'place'])
    .where('training_id', '=', trainingId)
    .orderBy('held_on')
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const attendance = sessions.length
    ? await ex.selectFrom('group_training_attendance').select(['session_id', 'person_id', 'present']).where('session_id', 'in', sessions.map((s) => s.id)).execute()
    : [];
  return { sessions, attendance };
}

/**
 * For other modules (tranche conditions, "training attended"): per person of the case enrolled in
 * the training, the sessions attended out of all its sessions and the completion staff set. The
 * caller has scoped the case; nothing here names a person.
 */
export async function trainingAttendance(ex: Executor, { trainingId, caseId }: { trainingId: string; caseId: string }) {
  const participants = await ex
    .selectFrom('group_training_participant')
    .select(['person_id', 'completion'])
    .where('training_id', '=', trainingId)
    .where('case_id', '=', caseId)
    .orderBy('enrolled_at')
    .execute();
  if (!participants.length) return [];
  const { sessions, attendance } = await sessionsAndAttendance(ex, trainingId);
  return participants.map((p) => {
    const attended = attendance.filter((a) => a.person_id === p.person_id && a.present).length;
    return { personId: p.person_id, attended, totalSessions: sessions.length, completion: p.completion };
  });
}

/** One training as the actor reads it: sessions, and the enrolled people of cases they may see with their attendance (404 outside the scope). */
export async function loadTraining(ex: Executor, actor: Actor, id: string) {
  const t = await ex
    .selectFrom('group_training as gt')
    .innerJoin('office as o', 'o.id', 'gt.office_id')
    .innerJoin('service_provider as sp', 'sp.id', 'gt.provider_id')
    .selectAll('gt')
    .select(['o.name as office_name', 'sp.name as provider_name'])
    .where('gt.id', '=', id)
    .where(manageable(actor, 'gt'))
    .executeTakeFirst();
  if (!t) throw errors.TRAINING_NOT_FOUND();
  const { sessions, attendance } = await sessionsAndAttendance(ex, id);
  const enrolled = await ex.selectFrom('group_training_participant').selectAll().where('training_id', '=', id).orderBy('enrolled_at').orderBy('person_id').execute();
  const cases = new Map<string, Awaited<ReturnType<typeof visibleCase>>>();
  const participants = [];
  let hidden = 0;
  for (const p of enrolled) {
    if (!cases.has(p.case_id)) cases.set(p.case_id, await visibleCase(ex, actor, p.case_id));
    const v = cases.get(p.case_id);
    const person = v?.members.find((m) => m.personId === p.person_id);
    if (!v || !person) {
      hidden += 1;
      continue;
    }
    const mine = attendance.filter((a) => a.person_id === p.person_id);
    const attended = mine.filter((a) => a.present).length;
    participants.push({
      personId: p.person_id, caseId: p.case_id, caseNumber: v.case.case_number, name: person.name,
      attendance: Object.fromEntries(mine.map((a) => [a.session_id, a.present])),
      attended, totalSessions: sessions.length, suggestedCompletion: suggestCompletion(attended, sessions.length), completion: p.completion,
    });
  }
  return {
    id: t.id, version: t.version, officeId: t.office_id, officeName: t.office_name, title: t.title, kind: t.kind, providerId: t.provider_id, providerName: t.provider_name,
    sessions: sessions.map((s) => ({ id: s.id, heldOn: s.held_on, startsAt: s.starts_at, durationMinutes: s.duration_minutes, place: s.place })),
    participants, hiddenParticipants: hidden, createdAt: t.created_at, updatedAt: t.updated_at,
  };
}
