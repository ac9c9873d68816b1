import type { CreateSessionInput } from '../../../shared/schemas/counselling.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { caseFieldPolicy, changeCase } from '../cases/index.js';
import { sealSessionAuditValues, sealSessionText } from './session-sealing.js';
import { Deps, checkNotesAllowed, checkReferences, checkWhen, readSession } from './sessions.repo.js';

export async function createSession(actor: Actor, caseId: string, input: CreateSessionInput, { db, clock }: Deps) {
  requirePermission(actor, 'counselling.write');
  checkNotesAllowed(actor, input.notes);
  const now = clock.now();
  const startsAt = new Date(input.startsAt);
  checkWhen(input.status, startsAt, now);
  return changeCase({ actor, db, clock }, { caseId, permission: 'counselling.write' }, async ({ trx, case: c }) => {
    await checkReferences(trx, c, input);
    const row = await trx
      .insertInto('counselling_session')
      .values({
        case_id: caseId, starts_at: startsAt, mode: input.mode, counsellor_id: input.counsellorId, participant_person_ids: input.participantPersonIds,
        other_participants: input.otherParticipants, languages: input.languages, interpreter_name: input.interpreter?.name ?? null,
        interpreter_language: input.interpreter?.language ?? null, topics: input.topics,
        notes: await sealSessionText(trx, c.principal_person_id, input.notes), next_steps: await sealSessionText(trx, c.principal_person_id, input.nextSteps),
        status: input.status, cancel_reason: null, created_by: actor.userId, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const coiIds = [...new Set(input.coiVersionIds)];
    if (coiIds.length) await trx.insertInto('counselling_session_coi').values(coiIds.map((v) => ({ session_id: row.id, coi_version_id: v }))).execute();
    const { notes, ...rest } = input;
    await audit(trx, auditContextOf(actor), {
      event: 'counselling.session.created', entityType: 'counselling_session', entityId: row.id, caseId, officeId: c.office_id,
      after: await sealSessionAuditValues(trx, c.principal_person_id, { ...rest, notes: notes ? '(sensitive)' : null }),
    });
    // The answer shows the notes as a reading would: the origin office only with the returnee's consent.
    return readSession(trx, row.id, (await caseFieldPolicy(trx, actor, c)).sensitiveNotes, now);
  });
}
