import type { PersonInput } from '../../../shared/schemas/cases.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from './change-case.js';
import { readCase } from './open-case.js';
import { sealedAuditedPerson, checkPersonCodes, insertPerson } from './person-records.js';

/** Adds a household member; If-Match on the case. */
export async function addMember({ caseId, expectedVersion, member: input }: { caseId: string; expectedVersion: number; member: { relationship: string; person: PersonInput } }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  checkPersonCodes(input.person, 'person');
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, now }) => {
    const personId = await insertPerson(trx, input.person, now);
    const last = await trx.selectFrom('case_member').select((eb) => eb.fn.max('position').as('p')).where('case_id', '=', caseId).executeTakeFirst();
    await trx.insertInto('case_member').values({ case_id: caseId, person_id: personId, relationship: input.relationship, position: (last?.p ?? 0) + 1 }).execute();
    await audit(trx, auditContextOf(actor), { event: 'case.member.added', entityType: 'person', entityId: personId, caseId, officeId: c.office_id, after: { ...input, person: await sealedAuditedPerson(trx, personId, input.person) } });
  });
  return readCase(db, actor, caseId);
}
