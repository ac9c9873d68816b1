import type { Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor, Tx } from '../../platform/db.js';
import { trainingAttendance } from '../community/index.js';
import { errors } from './payments.errors.js';

/**
 * A "training attended" condition naming a training is met only when a member of the case has
 * completed it (staff set the completion in the community module): 409 TRANCHE_TRAINING_NOT_COMPLETED
 * otherwise, with the figures (people of the case enrolled, the best attendance, the sessions held).
 */
export async function assertTrainingCompleted(ex: Executor, { caseId, trainingId }: { caseId: string; trainingId: string }) {
  const people = await trainingAttendance(ex, { trainingId, caseId });
  if (people.some((p) => p.completion === 'completed')) return;
  const attended = people.reduce((m, p) => Math.max(m, p.attended), 0);
  const totalSessions = people[0]?.totalSessions ?? 0;
  throw errors.TRANCHE_TRAINING_NOT_COMPLETED({ trainingId, enrolled: people.length, attended, totalSessions });
}

/**
 * The hook the community module calls (connected in `server/compose.ts`) when staff set that a
 * person completed a training: the open "training attended" conditions naming that training, on
 * tranches of the person's case not released yet, are met, by the person who set the completion and
 * at that time, each audited, in the same transaction.
 */
export async function meetTrainingConditions(trx: Tx, { trainingId, caseId, personId, actor, now }: { trainingId: string; caseId: string; personId: string; actor: Actor; now: Date }) {
  const open = await trx
    .selectFrom('payment_tranche_condition as k')
    .innerJoin('payment_tranche as t', 't.id', 'k.tranche_id')
    .innerJoin('return_case as c', 'c.id', 't.case_id')
    .select(['k.id', 'k.kind', 'k.tranche_id', 'c.office_id'])
    .where('t.case_id', '=', caseId)
    .where('t.released_at', 'is', null)
    .where('k.kind', '=', 'training_attended')
    .where('k.training_id', '=', trainingId)
    .where('k.met_at', 'is', null)
    .forUpdate('k')
    .execute();
  const note = 'Training completed';
  for (const k of open) {
    await trx.updateTable('payment_tranche_condition').set({ met_by: actor.userId, met_at: now, met_note: note }).where('id', '=', k.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'payment.tranche.condition_met', entityType: 'payment_tranche', entityId: k.tranche_id, caseId, officeId: k.office_id,
      after: { conditionId: k.id, kind: k.kind, note, trainingId, personId, automatic: true },
    });
  }
}
