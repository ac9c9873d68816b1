import { platformErrors } from '../../platform/platform.errors.js';
import type { PersonPatch } from '../../../shared/schemas/cases.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from './change-case.js';
import { readCase } from './open-case.js';
import { sealedAuditedPerson, checkPersonCodes, patchPerson, personSnapshot } from './person-records.js';
import { errors } from './cases.errors.js';

/** Corrects a household member's details; the person's own version guards the edit. */
export async function updatePerson({ caseId, personId, expectedVersion, patch }: { caseId: string; personId: string; expectedVersion: number; patch: PersonPatch }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  checkPersonCodes(patch, 'person');
  await changeCase(ctx, { caseId, permission: 'case.update' }, async ({ trx, case: c, now, set }) => {
    const member = await trx.selectFrom('case_member').select('id').where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
    if (!member) throw errors.PERSON_NOT_FOUND();
    // An erased person stays erased: their details are not typed back in.
    const erased = await trx.selectFrom('person').select('erased_at').where('id', '=', personId).executeTakeFirstOrThrow();
    if (erased.erased_at) throw platformErrors.PERSON_ERASED();
    const current = await personSnapshot(trx, personId);
    if (current.version !== expectedVersion) throw staleVersion();
    const next = await patchPerson(trx, personId, expectedVersion, current.fields, patch, now);
    if (!next) throw staleVersion();
    // The case's version stays (its own facts did not change); its last change is now.
    await set({});
    const diff = changedFields(current.fields as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>);
    await audit(trx, auditContextOf(actor), { event: 'person.updated', entityType: 'person', entityId: personId, caseId, officeId: c.office_id,
      before: await sealedAuditedPerson(trx, personId, diff.before), after: await sealedAuditedPerson(trx, personId, diff.after) });
  });
  return readCase(db, actor, caseId);
}
