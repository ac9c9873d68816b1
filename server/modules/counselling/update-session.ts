import type { UpdateSessionInput } from '../../../shared/schemas/counselling.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { caseFieldPolicy, changeCase } from '../cases/index.js';
import { errors } from './counselling.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { sealSessionAuditValues, sealSessionText } from './session-sealing.js';
import { Deps, canReadNotes, checkNotesAllowed, checkReferences, checkWhen, readSession, sessionNotFound } from './sessions.repo.js';

export async function updateSession(actor: Actor, caseId: string, sessionId: string, expected: number, input: UpdateSessionInput, { db, clock }: Deps) {
  requirePermission(actor, 'counselling.write');
  checkNotesAllowed(actor, input.notes);
  const now = clock.now();
  return changeCase({ actor, db, clock }, { caseId, permission: 'counselling.write' }, async ({ trx, case: c }) => {
    // Notes as this actor reads them: the origin office only with the returnee's consent.
    const withNotes = canReadNotes(actor) && (await caseFieldPolicy(trx, actor, c)).sensitiveNotes;
    const before = await trx.selectFrom('counselling_session').selectAll().where('id', '=', sessionId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!before) throw sessionNotFound();
    if (before.version !== expected) throw staleVersion();
    if (before.status === 'cancelled' && (input.status ?? 'cancelled') === 'cancelled' && Object.keys(input).some((k) => k !== 'status' && k !== 'cancelReason')) {
      throw errors.SESSION_CANCELLED();
    }
    const status = input.status ?? before.status;
    if (before.status === 'held' && status !== 'held') {
      throw errors.SESSION_ALREADY_HELD({ field: 'status' });
    }
    if (status === 'cancelled' && !input.cancelReason && before.status !== 'cancelled') {
      throw platformErrors.VALIDATION_FAILED({ field: 'cancelReason' }, 'Say why the session was cancelled.');
    }
    if (input.cancelReason && status !== 'cancelled') {
      throw platformErrors.VALIDATION_FAILED({ field: 'cancelReason' }, 'A reason is given only when cancelling.');
    }
    const startsAt = input.startsAt ? new Date(input.startsAt) : before.starts_at;
    if (input.status === 'held' || input.startsAt) checkWhen(status, startsAt, now);
    await checkReferences(trx, c, input);
    await trx
      .updateTable('counselling_session')
      .set({
        starts_at: startsAt,
        mode: input.mode ?? before.mode,
        counsellor_id: input.counsellorId ?? before.counsellor_id,
        participant_person_ids: input.participantPersonIds ?? before.participant_person_ids,
        other_participants: input.otherParticipants ?? before.other_participants,
        languages: input.languages ?? before.languages,
        interpreter_name: input.interpreter === undefined ? before.interpreter_name : input.interpreter?.name ?? null,
        interpreter_language: input.interpreter === undefined ? before.interpreter_language : input.interpreter?.language ?? null,
        topics: input.topics ?? before.topics,
        // Without the right to notes, an actor can neither see nor clear them.
        notes: input.notes === undefined || !withNotes ? before.notes : await sealSessionText(trx, c.principal_person_id, input.notes),
        next_steps: input.nextSteps === undefined ? before.next_steps : await sealSessionText(trx, c.principal_person_id, input.nextSteps),
        status,
        cancel_reason: status === 'cancelled' ? input.cancelReason ?? before.cancel_reason : null,
        version: before.version + 1,
        updated_at: now,
      })
      .where('id', '=', sessionId)
      .execute();
    if (input.coiVersionIds) {
      await trx.deleteFrom('counselling_session_coi').where('session_id', '=', sessionId).execute();
      const coiIds = [...new Set(input.coiVersionIds)];
      if (coiIds.length) await trx.insertInto('counselling_session_coi').values(coiIds.map((v) => ({ session_id: sessionId, coi_version_id: v }))).execute();
    }
    const { notes, ...rest } = input;
    await audit(trx, auditContextOf(actor), {
      event: 'counselling.session.updated', entityType: 'counselling_session', entityId: sessionId, caseId, officeId: c.office_id,
      before: { status: before.status, startsAt: before.starts_at.toISOString(), mode: before.mode, counsellorId: before.counsellor_id, version: before.version },
      after: await sealSessionAuditValues(trx, c.principal_person_id, { ...rest, ...(notes !== undefined ? { notes: '(sensitive)' } : {}), version: before.version + 1 }),
    });
    return readSession(trx, sessionId, withNotes, now);
  });
}
