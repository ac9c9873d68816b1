import type { Permission } from '../../../shared/access.js';
import { can, requirePermission, scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { scopeCondition } from './cases.policy.js';
import { errors } from './cases.errors.js';

/** The permissions of the data-protection officer's decisions about a person (migration 0061). */
export const PERSON_DECISION_PERMISSIONS = ['person.erasure', 'person.legal_hold.manage', 'person.restriction.manage'] as const satisfies readonly Permission[];

/**
 * A person who is a member of a case in the officer's scope for `permission` (host or origin
 * office; restricted cases included, as the officer answers for them), else 404: another
 * organisation's person does not exist for them.
 */
export async function officerPerson(ex: Executor, actor: Actor, personId: string, permission: Permission, lock = false) {
  let q = ex
    .selectFrom('person as p')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.sex', 'p.birth_date', 'p.erased_at'])
    .where('p.id', '=', personId)
    .where((eb) => eb.exists(eb.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id').select('m.id')
      .whereRef('m.person_id', '=', 'p.id').where(scopeCondition(actor, scopeFor(actor, permission)))));
  if (lock) q = q.forUpdate();
  const person = await q.executeTakeFirst();
  if (!person) throw errors.PERSON_NOT_FOUND();
  return person;
}

/** A decision in force (legal hold or restriction) with the name of who placed it. */
function decisionInForce(ex: Executor, table: 'person_legal_hold' | 'person_processing_restriction', personId: string) {
  return ex
    .selectFrom(`${table} as d`)
    .innerJoin('app_user as u', 'u.id', 'd.placed_by')
    .select(['d.reason', 'd.placed_at', 'u.name'])
    .where('d.person_id', '=', personId)
    .where('d.lifted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The person as the data-protection officer sees them on the "Data protection" screen: who (or
 * "erased"), their cases with their stage, and the legal hold and restriction in force. Open to a
 * holder of any of the three decisions; a restriction does not hide the person from them.
 */
export async function personProtectionState({ personId }: { personId: string }, { actor, db }: UseCaseContext) {
  const permission = PERSON_DECISION_PERMISSIONS.find((p) => can(actor, p)) ?? 'person.erasure';
  requirePermission(actor, permission);
  const person = await officerPerson(db, actor, personId, permission);
  const [cases, hold, restriction] = await Promise.all([
    db.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id').select(['c.id', 'c.case_number', 'c.stage'])
      .where('m.person_id', '=', personId).orderBy('c.case_number').execute(),
    decisionInForce(db, 'person_legal_hold', personId),
    decisionInForce(db, 'person_processing_restriction', personId),
  ]);
  const decision = (d: typeof hold) => (d ? { reason: d.reason, placedAt: d.placed_at, placedBy: d.name } : null);
  return {
    person: {
      id: person.id, givenName: person.given_name, familyName: person.family_name, sex: person.sex,
      birthYear: person.birth_date ? Number(person.birth_date.slice(0, 4)) : null, erasedAt: person.erased_at,
    },
    cases: cases.map((c) => ({ id: c.id, caseNumber: c.case_number, stage: c.stage })),
    legalHold: decision(hold),
    restriction: decision(restriction),
  };
}
