import type { PersonPatch, UpdateCaseInput } from '../../../shared/schemas/cases.js';
import type { PersonInput } from '../../../shared/schemas/cases.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import type { Actor, Clock } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase } from './change-case.js';
import { readCase } from './open-case.js';
import { checkPersonCodes, insertPerson, patchPerson, personSnapshot } from './person-records.js';
import { errors } from './cases.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

export async function updateCase(actor: Actor, id: string, expectedVersion: number, input: UpdateCaseInput, { db, clock }: Deps) {
  if (input.countryOfReturn && !isCountryCode(input.countryOfReturn)) throw platformErrors.VALIDATION_FAILED({ field: 'countryOfReturn' });
  await changeCase({ actor, db, clock }, { caseId: id, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, set, unchanged }) => {
    if (input.ownerId && input.ownerId !== c.owner_id) {
      const owner = await trx.selectFrom('app_user').select(['active', 'office_id']).where('id', '=', input.ownerId).executeTakeFirst();
      if (!owner?.active || (owner.office_id !== c.office_id && owner.office_id !== c.origin_office_id)) {
        throw errors.CASE_OWNER_INVALID({ field: 'ownerId' }, 'The owner must be an active user of one of the case’s offices.');
      }
    }
    const before = { legalStatus: c.legal_status, countryOfReturn: c.country_of_return, ownerId: c.owner_id };
    const after = { legalStatus: input.legalStatus ?? before.legalStatus, countryOfReturn: input.countryOfReturn ?? before.countryOfReturn, ownerId: input.ownerId ?? before.ownerId };
    const diff = changedFields(before, after);
    if (!Object.keys(diff.after).length) return unchanged();
    await set({ legal_status: after.legalStatus, country_of_return: after.countryOfReturn, owner_id: after.ownerId });
    await audit(trx, auditContextOf(actor), { event: 'case.updated', entityType: 'case', entityId: id, caseId: id, officeId: c.office_id, ...diff });
  });
  return readCase(db, actor, id);
}

export async function addMember(actor: Actor, id: string, expectedVersion: number, input: { relationship: string; person: PersonInput }, { db, clock }: Deps) {
  checkPersonCodes(input.person, 'person');
  await changeCase({ actor, db, clock }, { caseId: id, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, now }) => {
    const personId = await insertPerson(trx, input.person, now);
    const last = await trx.selectFrom('case_member').select((eb) => eb.fn.max('position').as('p')).where('case_id', '=', id).executeTakeFirst();
    await trx.insertInto('case_member').values({ case_id: id, person_id: personId, relationship: input.relationship, position: (last?.p ?? 0) + 1 }).execute();
    await audit(trx, auditContextOf(actor), { event: 'case.member.added', entityType: 'person', entityId: personId, caseId: id, officeId: c.office_id, after: input });
  });
  return readCase(db, actor, id);
}

/** Corrects a household member's details; the person's own version guards the edit. */
export async function updatePerson(actor: Actor, caseId: string, personId: string, expectedVersion: number, patch: PersonPatch, { db, clock }: Deps) {
  checkPersonCodes(patch, 'person');
  await changeCase({ actor, db, clock }, { caseId, permission: 'case.update' }, async ({ trx, case: c, now, set }) => {
    const member = await trx.selectFrom('case_member').select('id').where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
    if (!member) throw errors.PERSON_NOT_FOUND();
    const current = await personSnapshot(trx, personId);
    if (current.version !== expectedVersion) throw staleVersion();
    const next = await patchPerson(trx, personId, expectedVersion, current.fields, patch, now);
    if (!next) throw staleVersion();
    // The case's version stays (its own facts did not change); its last change is now.
    await set({});
    const diff = changedFields(current.fields as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
    await audit(trx, auditContextOf(actor), { event: 'person.updated', entityType: 'person', entityId: personId, caseId, officeId: c.office_id, ...diff });
  });
  return readCase(db, actor, caseId);
}
