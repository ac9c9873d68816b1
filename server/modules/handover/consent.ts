import type { ConsentInput } from '../../../shared/schemas/handover.js';
import { type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor, Tx } from '../../platform/db.js';
import { type OriginSharing } from '../cases/index.js';
import { checkNotFuture } from './dates.js';

/**
 * What the returnee consented to share with the origin office: the current consent for the
 * purpose of each handover waiting for an answer or accepted (any purpose consenting suffices).
 * Nothing is shared when there is no such handover or no consent. The cases module reads it
 * through its `sharedWithOrigin` port, which `server/compose.ts` connects to this function.
 */
export async function readOriginSharing(ex: Executor, caseId: string): Promise<OriginSharing> {
  const rows = await ex
    .selectFrom('handover_consent as k')
    .innerJoin('handover as h', (j) => j.onRef('h.case_id', '=', 'k.case_id').onRef('h.purpose', '=', 'k.purpose'))
    .select(['k.asylum_history', 'k.counselling_notes', 'k.health_information'])
    .where('k.case_id', '=', caseId)
    .where('k.ended_at', 'is', null)
    .where('h.status', 'in', ['pending', 'accepted'])
    .execute();
  return {
    asylumHistory: rows.some((r) => r.asylum_history),
    counsellingNotes: rows.some((r) => r.counselling_notes),
    healthInformation: rows.some((r) => r.health_information),
  };
}

export const presentConsent = (k: {
  id: string; purpose: string; asylum_history: boolean; counselling_notes: boolean; health_information: boolean; consented_on: string;
  recorded_at: Date | string; recorded_by_name: string; ended_at: Date | string | null; ended_reason: string | null;
}) => ({
  id: k.id,
  purpose: k.purpose,
  asylumHistory: k.asylum_history,
  counsellingNotes: k.counselling_notes,
  healthInformation: k.health_information,
  consentedOn: k.consented_on,
  recordedByName: k.recorded_by_name,
  recordedAt: new Date(k.recorded_at).toISOString(),
  endedAt: k.ended_at ? new Date(k.ended_at).toISOString() : null,
  endedReason: k.ended_reason,
});

/** Records the returnee's consent for a purpose inside a transaction; the previous one is superseded. */
export async function insertConsent(trx: Tx, actor: Actor, c: { id: string; office_id: string }, input: ConsentInput, now: Date) {
  checkNotFuture(input.consentedOn, now, 'consentedOn');
  const previous = await trx
    .updateTable('handover_consent')
    .set({ ended_at: now, ended_reason: 'superseded', ended_by: actor.userId })
    .where('case_id', '=', c.id)
    .where('purpose', '=', input.purpose)
    .where('ended_at', 'is', null)
    .returning(['id', 'asylum_history', 'counselling_notes', 'health_information'])
    .executeTakeFirst();
  const row = await trx
    .insertInto('handover_consent')
    .values({
      case_id: c.id, purpose: input.purpose, asylum_history: input.asylumHistory, counselling_notes: input.counsellingNotes,
      health_information: input.healthInformation, consented_on: input.consentedOn, recorded_by: actor.userId, recorded_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, auditContextOf(actor), {
    event: 'handover.consent.recorded', entityType: 'handover_consent', entityId: row.id, caseId: c.id, officeId: c.office_id,
    before: previous ? { asylumHistory: previous.asylum_history, counsellingNotes: previous.counselling_notes, healthInformation: previous.health_information } : undefined,
    after: input,
  });
  return row.id;
}
