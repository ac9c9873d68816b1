import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { changeCase, checkAdmittedBeforeAssistance, readCase } from '../cases/index.js';
import { checkNotFuture } from './dates.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { caseErrors } from '../cases/index.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * The date a person returned by a government was admitted into the country: not in the future,
 * not before their date of birth. Audited; If-Match on the case.
 */
export async function setAdmissionDate({ caseId, expectedVersion: expected, admissionDate }: { caseId: string; expectedVersion: number; admissionDate: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'case.update');
  await changeCase(ctx, { caseId, expectedVersion: expected, permission: 'case.update' }, async ({ trx, case: c, set }) => {
    if (c.kind !== 'post_arrival') throw caseErrors.ADMISSION_DATE_NOT_APPLICABLE();
    if (actor.officeId !== c.origin_office_id) throw platformErrors.FORBIDDEN(undefined, 'The admission date is recorded by the office in the country of return.');
    const now = clock.now();
    await checkAdmissionDate(trx, c.principal_person_id, admissionDate, now);
    await checkAdmittedBeforeAssistance(trx, c.id, admissionDate);
    await set({ admission_date: admissionDate });
    await audit(trx, auditContextOf(actor), {
      event: 'case.admission_date.set', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
      before: { admissionDate: c.admission_date }, after: { admissionDate },
    });
  });
  return readCase(db, actor, caseId);
}

/** An admission date is not in the future and not before the principal's date of birth. */
export async function checkAdmissionDate(ex: Executor, principalPersonId: string, admissionDate: string, now: Date) {
  checkNotFuture(admissionDate, now, 'admissionDate');
  const p = await ex.selectFrom('person').select('birth_date').where('id', '=', principalPersonId).executeTakeFirst();
  if (p?.birth_date && admissionDate < p.birth_date) {
    throw platformErrors.VALIDATION_FAILED({ field: 'admissionDate' }, 'The admission date cannot be before the date of birth.');
  }
}
