import type { SessionInput } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './community.errors.js';
import { loadTraining, lockTraining } from './training.repo.js';

const values = (s: SessionInput) => ({ held_on: s.heldOn, starts_at: s.startsAt, duration_minutes: s.durationMinutes, place: s.place });
const audited = (s: { held_on: string; starts_at: string; duration_minutes: number; place: string }) =>
  ({ heldOn: s.held_on, startsAt: s.starts_at, durationMinutes: s.duration_minutes, place: s.place });

/** Adds a session to a group training (date, local start time, duration, place), audited. */
export async function addSession({ id, session }: { id: string; session: SessionInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const t = await lockTraining(trx, actor, id);
    const row = await trx.insertInto('group_training_session').values({ training_id: id, ...values(session) }).returningAll().executeTakeFirstOrThrow();
    await trx.updateTable('group_training').set({ updated_at: clock.now() }).where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'group_training.session_added', entityType: 'group_training', entityId: id, officeId: t.office_id, after: { sessionId: row.id, ...audited(row) },
    });
    return loadTraining(trx, actor, id);
  });
}

/** Edits a session of a group training, audited with what changed. */
export async function updateSession({ id, sessionId, session }: { id: string; sessionId: string; session: SessionInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'community.manage');
  return db.transaction().execute(async (trx) => {
    const t = await lockTraining(trx, actor, id);
    const before = await trx.selectFrom('group_training_session').selectAll().where('id', '=', sessionId).where('training_id', '=', id).executeTakeFirst();
    if (!before) throw errors.TRAINING_SESSION_NOT_FOUND();
    const after = await trx.updateTable('group_training_session').set(values(session)).where('id', '=', sessionId).returningAll().executeTakeFirstOrThrow();
    await trx.updateTable('group_training').set({ updated_at: clock.now() }).where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'group_training.session_updated', entityType: 'group_training', entityId: id, officeId: t.office_id,
      ...changedFields(audited(before), audited(after)), details: { sessionId },
    });
    return loadTraining(trx, actor, id);
  });
}
