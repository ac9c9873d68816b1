import { RESTRICTING_CATEGORIES } from '../../../shared/protection.js';
import { can, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { assignCaseStaff, type CaseChange, type CaseRow } from '../cases/index.js';
import { errors } from './protection.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** Active users of the case's host or origin office: who may own a measure or be assigned. */
export async function checkCaseStaff(ex: Executor, c: CaseRow, userId: string, field: string) {
  const user = await ex.selectFrom('app_user').select(['active', 'office_id', 'name']).where('id', '=', userId).executeTakeFirst();
  if (!user?.active || !user.office_id || (user.office_id !== c.office_id && user.office_id !== c.origin_office_id)) {
    throw errors.CASE_STAFF_INVALID({ field });
  }
  return user;
}

/**
 * Sets or clears the case's restriction from its active vulnerabilities, in the caller's
 * change of the case (`changeCase`). The case's own version is left alone (its facts did not change). Someone who
 * screens a case they neither own nor supervise is assigned to it, so that the case does not
 * vanish from under them.
 */
export async function refreshRestriction({ trx, case: c, now, set }: CaseChange, actor: Actor): Promise<boolean> {
  const active = await trx
    .selectFrom('vulnerability')
    .select('id')
    .where('case_id', '=', c.id)
    .where('status', '=', 'active')
    .where('category', 'in', [...RESTRICTING_CATEGORIES])
    .limit(1)
    .executeTakeFirst();
  const restricted = Boolean(active);
  if (restricted === c.restricted) return restricted;
  await set({ restricted });
  await audit(trx, auditContextOf(actor), {
    event: 'case.restriction.changed', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
    before: { restricted: c.restricted }, after: { restricted },
  });
  if (restricted && actor.userId !== c.owner_id && !can(actor, 'case.restricted')) {
    await assignCaseStaff(trx, actor, { caseId: c.id, userId: actor.userId, officeId: c.office_id, at: now, reason: 'screened_restricted_case' });
  }
  return restricted;
}

/** Who may change a case's assigned staff: its owner, or a supervisor (holder of 'case.restricted'). */
export function requireAssignmentRight(actor: Actor, c: CaseRow) {
  if (c.owner_id !== actor.userId && !can(actor, 'case.restricted')) {
    throw platformErrors.FORBIDDEN(undefined, 'Only the case owner or a supervisor changes the staff assigned to a case.');
  }
}
