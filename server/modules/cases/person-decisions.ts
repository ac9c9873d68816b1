import { platformErrors } from '../../platform/platform.errors.js';
import { PERSON_DECISION_REASON_MIN } from '../../../shared/schemas/person-erasure.js';
import type { Permission } from '../../../shared/access.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { officerPerson, personProtectionState } from './person-protection-state.js';
import { personProtectionErrors as errors } from './person-protection.errors.js';

/**
 * A legal hold or a restriction of processing: placed and lifted by a data-protection officer,
 * each with a reason of at least 20 characters, who and when recorded in its row (migration 0061),
 * audited in the same transaction. One in force per person.
 */
interface DecisionKind {
  table: 'person_legal_hold' | 'person_processing_restriction';
  permission: Permission;
  placed: 'person.legal_hold.placed' | 'person.restriction.placed';
  lifted: 'person.legal_hold.lifted' | 'person.restriction.lifted';
  exists: typeof errors.PERSON_LEGAL_HOLD_EXISTS;
  none: typeof errors.PERSON_LEGAL_HOLD_NONE;
}

const LEGAL_HOLD: DecisionKind = {
  table: 'person_legal_hold', permission: 'person.legal_hold.manage', placed: 'person.legal_hold.placed', lifted: 'person.legal_hold.lifted',
  exists: errors.PERSON_LEGAL_HOLD_EXISTS, none: errors.PERSON_LEGAL_HOLD_NONE,
};
const RESTRICTION: DecisionKind = {
  table: 'person_processing_restriction', permission: 'person.restriction.manage', placed: 'person.restriction.placed', lifted: 'person.restriction.lifted',
  exists: errors.PERSON_RESTRICTION_EXISTS, none: errors.PERSON_RESTRICTION_NONE,
};

function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < PERSON_DECISION_REASON_MIN) throw errors.PERSON_DECISION_REASON_TOO_SHORT({ min: PERSON_DECISION_REASON_MIN });
  return trimmed;
}

async function place(kind: DecisionKind, { personId, reason }: { personId: string; reason: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  const text = checkedReason(reason);
  await db.transaction().execute(async (trx) => {
    const person = await officerPerson(trx, actor, personId, kind.permission, true);
    if (person.erased_at) throw platformErrors.PERSON_ERASED();
    const current = await trx.selectFrom(kind.table).select('id').where('person_id', '=', personId).where('lifted_at', 'is', null).executeTakeFirst();
    if (current) throw kind.exists();
    const row = await trx.insertInto(kind.table).values({ person_id: personId, reason: text, placed_by: actor.userId, placed_at: clock.now() }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: kind.placed, entityType: 'person', entityId: personId, details: { decisionId: row.id, reason: text } });
  });
  return personProtectionState({ personId }, ctx);
}

async function lift(kind: DecisionKind, { personId, reason }: { personId: string; reason: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  const text = checkedReason(reason);
  await db.transaction().execute(async (trx) => {
    await officerPerson(trx, actor, personId, kind.permission, true);
    const lifted = await trx.updateTable(kind.table).set({ lifted_at: clock.now(), lifted_by: actor.userId, lift_reason: text })
      .where('person_id', '=', personId).where('lifted_at', 'is', null).returning('id').executeTakeFirst();
    if (!lifted) throw kind.none();
    await audit(trx, auditContextOf(actor), { event: kind.lifted, entityType: 'person', entityId: personId, details: { decisionId: lifted.id, reason: text } });
  });
  return personProtectionState({ personId }, ctx);
}

/** Places a legal hold on a person: their data is kept, and they cannot be erased until it is lifted. */
export const placeLegalHold = (input: { personId: string; reason: string }, ctx: UseCaseContext) => place(LEGAL_HOLD, input, ctx);
export const liftLegalHold = (input: { personId: string; reason: string }, ctx: UseCaseContext) => lift(LEGAL_HOLD, input, ctx);
/** Restricts the processing of a person's data: their cases leave everyone's scope but the officer's (`caseScope`). */
export const restrictProcessing = (input: { personId: string; reason: string }, ctx: UseCaseContext) => place(RESTRICTION, input, ctx);
export const liftRestriction = (input: { personId: string; reason: string }, ctx: UseCaseContext) => lift(RESTRICTION, input, ctx);
