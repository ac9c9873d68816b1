import type { UseCaseContext } from '../../platform/use-case.js';
import { findCase } from '../cases/index.js';

/** Active staff of the case's offices: the choices for a measure's owner or an assignment. */
export async function caseStaff({ caseId }: { caseId: string }, { actor, db }: UseCaseContext) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const offices = [c.office_id, c.origin_office_id].filter((x): x is string => Boolean(x));
  const rows = await db.selectFrom('app_user').select(['id', 'name', 'office_id']).where('active', '=', true).where('office_id', 'in', offices).orderBy('name').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, officeId: r.office_id })) };
}
