import type { UpdateCaseInput } from '../../../shared/schemas/cases.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from './change-case.js';
import { readCase } from './open-case.js';
import { errors } from './cases.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** Changes the case's own facts (legal status, country of return, owner); If-Match on the case. */
export async function updateCase({ caseId, expectedVersion, update: input }: { caseId: string; expectedVersion: number; update: UpdateCaseInput }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  if (input.countryOfReturn && !isCountryCode(input.countryOfReturn)) throw platformErrors.VALIDATION_FAILED({ field: 'countryOfReturn' });
  await changeCase(ctx, { caseId, expectedVersion, permission: 'case.update' }, async ({ trx, case: c, set, unchanged }) => {
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
    await audit(trx, auditContextOf(actor), { event: 'case.updated', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id, ...diff });
  });
  return readCase(db, actor, caseId);
}
