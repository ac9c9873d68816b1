import { ERASED_VALUE } from '../../../shared/crypto.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { PERSON_DECISION_REASON_MIN } from '../../../shared/schemas/person-erasure.js';
import type { ErasureKind } from '../../../shared/schemas/person-erasure.js';
import { audit, auditContextOf, type AuditContext } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { destroyPersonKey } from '../../platform/person-keys.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { erasureBlockers, erasureCounts, erasureTarget, purgeErasable, type ErasureBlocker } from './erasure-inventory.js';
import { officerPerson } from './person-protection-state.js';
import { personProtectionErrors as errors } from './person-protection.errors.js';

/**
 * Erases (anonymises) a person, all or nothing, in one transaction: their names (every script),
 * contacts, identity and travel document details, health record text, vulnerability details, the
 * free text and files of the cases they are the only member of, and what imports held of them
 * (`erasure-inventory.ts`). The person's row stays, marked `erased_at`, its name the erased marker (`ERASED_VALUE`),
 * with what the statistics count (sex, the year of birth, nationality, languages); their cases keep
 * their stages, dates, countries and amounts, so the statistics do not change. The name keys of
 * the duplicate check (folded name, skeleton and the blocking keys computed from it) are emptied.
 *
 * Refused (409, the blocker's code) while a legal hold is on the person, a reintegration payment
 * of their cases is open, or one of their cases is active. One audit entry names the kinds and
 * counts and the ids reached, never the values.
 */
export async function erasePerson({ personId, reason }: { personId: string; reason: string }, { actor, db, clock }: UseCaseContext) {
  const text = reason.trim();
  if (text.length < PERSON_DECISION_REASON_MIN) throw errors.PERSON_DECISION_REASON_TOO_SHORT({ min: PERSON_DECISION_REASON_MIN });
  const now = clock.now();
  const counts = await db.transaction().execute(async (trx) => {
    const person = await officerPerson(trx, actor, personId, 'person.erasure', true);
    if (person.erased_at) throw platformErrors.PERSON_ERASED();
    const done = await erasePersonIn(trx, person, { audit: auditContextOf(actor), reason: text, now });
    if ('blockers' in done) throw errors[done.blockers[0]!]({ blockers: done.blockers });
    return done.counts;
  });
  return { personId, erasedAt: now, counts };
}

/**
 * The erasure itself, in the caller's transaction, on a person the caller found (and locked): the
 * officer's erasure above and the retention rules' runs (`run-retention.ts`) both go through it.
 * Answers the blockers instead when there are some (nothing changed), else the counts; the audit
 * entry `person.erased` is written with `ctx` (a null actor for the scheduled retention run).
 */
export async function erasePersonIn(
  trx: Executor,
  person: { id: string; birth_date: string | null },
  { audit: ctx, reason, now, details = {} }: { audit: AuditContext; reason: string; now: Date; details?: Record<string, unknown> },
): Promise<{ blockers: ErasureBlocker[] } | { counts: { kind: ErasureKind; count: number }[]; reached: Record<string, string[]> }> {
  const target = await erasureTarget(trx, person.id);
  // The cases are locked so that none reopens, nor a payment is recorded, while the person is erased.
  if (target.cases.length > 0) await trx.selectFrom('return_case').select('id').where('id', 'in', target.cases).forUpdate().execute();
  const blockers = await erasureBlockers(trx, target);
  if (blockers.length > 0) return { blockers };
  const counted = await erasureCounts(trx, target);
  const reached = await purgeErasable(trx, target);
  const birthYear = person.birth_date?.slice(0, 4);
  await trx.updateTable('person').set((eb) => ({
    // The name becomes the erased marker, which every screen shows as "Erased person" in its reader's language.
    given_name: ERASED_VALUE, family_name: '', other_names: [], original_script_name: null, transliteration: null,
    phone: null, email: null, name_folded: '', name_skeleton: '', legacy_id: null,
    // The year stays, the day and month go: 1 July, marked estimated (no date, nothing estimated). The
    // statistics keep the age bands counted from the whole date: this update does not recount the cases
    // (migration 0067).
    birth_date: birthYear ? `${birthYear}-07-01` : null, birth_date_estimated: birthYear !== undefined,
    erased_at: now, updated_at: now, version: eb('version', '+', 1),
  })).where('id', '=', person.id).execute();
  // Crypto-shredding: every value sealed for the person (health, vulnerability details, the
  // sensitive notes of a household they head, and those values' copies in the audit trail and in
  // backups) becomes unreadable with their key.
  await destroyPersonKey(trx, person.id, now);
  await audit(trx, ctx, {
    event: 'person.erased', entityType: 'person', entityId: person.id,
    details: { reason, ...details, cases: target.cases, soleCases: target.soleCases, counts: Object.fromEntries(counted.map((c) => [c.kind, c.count])), ids: reached },
  });
  return { counts: counted, reached };
}
