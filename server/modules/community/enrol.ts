import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, loadMembers } from '../cases/index.js';
import { errors } from './community.errors.js';
import { loadTraining, lockTraining } from './training.repo.js';

/**
 * Enrols a person of a case in a group training: the case must be in the actor's reach
 * (`community.manage`'s scope, 404 otherwise) and the person one of its members. Audited on the case.
 */
export async function enrol({ id, caseId, personId }: { id: string; caseId: string; personId: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'community.manage');
  return changeCase(ctx, { caseId, permission: 'community.manage' }, async ({ trx, case: c, now }) => {
    const t = await lockTraining(trx, ctx.actor, id);
    const members = await loadMembers(trx, c.id);
    if (!members.some((m) => m.person_id === personId)) throw errors.TRAINING_PERSON_NOT_IN_CASE({ field: 'personId' });
    const inserted = await trx
      .insertInto('group_training_participant')
      .values({ training_id: id, person_id: personId, case_id: c.id, enrolled_by: ctx.actor.userId, enrolled_at: now })
      .onConflict((oc) => oc.doNothing())
      .returning('person_id')
      .executeTakeFirst();
    if (!inserted) throw errors.TRAINING_ALREADY_ENROLLED({ personId });
    await audit(trx, auditContextOf(ctx.actor), {
      event: 'group_training.enrolled', entityType: 'group_training', entityId: id, caseId: c.id, officeId: t.office_id, after: { personId },
    });
    return loadTraining(trx, ctx.actor, id);
  });
}

/** Takes a person out of a group training with their attendance records (the case in reach), audited on the case. */
export async function unenrol({ id, personId }: { id: string; personId: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'community.manage');
  const enrolled = await ctx.db.selectFrom('group_training_participant').select('case_id').where('training_id', '=', id).where('person_id', '=', personId).executeTakeFirst();
  if (!enrolled) {
    await lockTraining(ctx.db, ctx.actor, id); // 404 for a training outside the reach first
    throw errors.TRAINING_NOT_ENROLLED({ personId });
  }
  return changeCase(ctx, { caseId: enrolled.case_id, permission: 'community.manage' }, async ({ trx, case: c }) => {
    const t = await lockTraining(trx, ctx.actor, id);
    const sessions = trx.selectFrom('group_training_session').select('id').where('training_id', '=', id);
    const attendance = await trx.deleteFrom('group_training_attendance').where('person_id', '=', personId).where('session_id', 'in', sessions).returning(['session_id', 'present']).execute();
    const removed = await trx.deleteFrom('group_training_participant').where('training_id', '=', id).where('person_id', '=', personId).returning(['completion']).executeTakeFirst();
    if (!removed) throw errors.TRAINING_NOT_ENROLLED({ personId });
    await audit(trx, auditContextOf(ctx.actor), {
      event: 'group_training.unenrolled', entityType: 'group_training', entityId: id, caseId: c.id, officeId: t.office_id,
      before: { personId, completion: removed.completion, attendance: attendance.map((a) => ({ sessionId: a.session_id, present: a.present })) },
    });
    return loadTraining(trx, ctx.actor, id);
  });
}
