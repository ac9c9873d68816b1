import type { AttendanceInput, Completion } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Actor } from '../../platform/actor.js';
import type { Tx } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './community.errors.js';
import { visibleCase } from './community.repo.js';
import { loadTraining, lockTraining } from './training.repo.js';

/** The enrolled people of a training among those named, each of a case in the actor's reach; 409 for anyone else. */
async function enrolledInReach(trx: Parameters<typeof visibleCase>[0], actor: UseCaseContext['actor'], trainingId: string, personIds: string[]) {
  const rows = await trx.selectFrom('group_training_participant').select(['person_id', 'case_id', 'completion']).where('training_id', '=', trainingId).where('person_id', 'in', personIds).execute();
  const seen = new Map<string, boolean>();
  for (const personId of personIds) {
    const row = rows.find((r) => r.person_id === personId);
    if (!row) throw errors.TRAINING_NOT_ENROLLED({ personId });
    if (!seen.has(row.case_id)) seen.set(row.case_id, !!(await visibleCase(trx, actor, row.case_id)));
    if (!seen.get(row.case_id)) throw errors.TRAINING_NOT_ENROLLED({ personId });
  }
  return rows;
}

/** Records who was present at one session (present or absent per enrolled person named), audited with the changes. */
export async function recordAttendance({ id, sessionId, attendance }: { id: string; sessionId: string } & AttendanceInput, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const t = await lockTraining(trx, actor, id);
    const session = await trx.selectFrom('group_training_session').select('id').where('id', '=', sessionId).where('training_id', '=', id).executeTakeFirst();
    if (!session) throw errors.TRAINING_SESSION_NOT_FOUND();
    await enrolledInReach(trx, actor, id, attendance.map((a) => a.personId));
    const before = await trx.selectFrom('group_training_attendance').select(['person_id', 'present']).where('session_id', '=', sessionId).execute();
    const now = clock.now();
    await trx
      .insertInto('group_training_attendance')
      .values(attendance.map((a) => ({ session_id: sessionId, person_id: a.personId, present: a.present, recorded_by: actor.userId, recorded_at: now })))
      .onConflict((oc) => oc.columns(['session_id', 'person_id']).doUpdateSet((eb) => ({ present: eb.ref('excluded.present'), recorded_by: eb.ref('excluded.recorded_by'), recorded_at: eb.ref('excluded.recorded_at') })))
      .execute();
    const changed = attendance.filter((a) => before.find((b) => b.person_id === a.personId)?.present !== a.present);
    if (changed.length) {
      await audit(trx, auditContextOf(actor), {
        event: 'group_training.attendance_recorded', entityType: 'group_training', entityId: id, officeId: t.office_id,
        before: { attendance: changed.map((a) => ({ personId: a.personId, present: before.find((b) => b.person_id === a.personId)?.present ?? null })) },
        after: { attendance: changed },
        details: { sessionId },
      });
    }
    return loadTraining(trx, actor, id);
  });
}

/**
 * What another capability does, in the same transaction, when staff set that a person of a case
 * completed a training (payments meets the open "training attended" conditions naming it). Wired by
 * `server/compose.ts`, so that the community module needs no module downstream of it.
 */
export type CompletionEffect = (trx: Tx, change: { trainingId: string; caseId: string; personId: string; actor: Actor; now: Date }) => Promise<void>;
const completionEffects = new Map<string, CompletionEffect>();

/** Registers (or replaces) a capability's effect of a completion. */
export function onTrainingCompleted(name: string, effect: CompletionEffect): void {
  completionEffects.set(name, effect);
}

/** Sets whether an enrolled person completed the training (staff decide; attendance only suggests it), audited. */
export async function setCompletion({ id, personId, completion }: { id: string; personId: string; completion: Completion }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const t = await lockTraining(trx, actor, id);
    const [row] = await enrolledInReach(trx, actor, id, [personId]);
    const now = clock.now();
    await trx
      .updateTable('group_training_participant')
      .set({ completion, completion_set_by: actor.userId, completion_set_at: now })
      .where('training_id', '=', id)
      .where('person_id', '=', personId)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'group_training.completion_set', entityType: 'group_training', entityId: id, caseId: row!.case_id, officeId: t.office_id,
      before: { personId, completion: row!.completion }, after: { personId, completion },
    });
    if (completion === 'completed' && row!.completion !== 'completed') {
      for (const effect of completionEffects.values()) await effect(trx, { trainingId: id, caseId: row!.case_id, personId, actor, now });
    }
    return loadTraining(trx, actor, id);
  });
}
