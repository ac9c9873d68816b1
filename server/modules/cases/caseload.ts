import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from './cases.policy.js';

/** Open cases (not withdrawn or closed) per owner, in the supervisor's scope, busiest first. */
export async function caseload(_input: Record<string, never>, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.approve');
  const rows = await db
    .selectFrom('return_case as c')
    .innerJoin('app_user as u', 'u.id', 'c.owner_id')
    .select(['u.id', 'u.name', 'u.office_id', 'u.active', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.stage', 'not in', ['withdrawn', 'closed'])
    .where(caseScope(actor, 'case.approve'))
    .groupBy(['u.id', 'u.name', 'u.office_id', 'u.active'])
    .orderBy('n', 'desc')
    .orderBy('u.name')
    .limit(500)
    .execute();
  return { owners: rows.map((r) => ({ ownerId: r.id, ownerName: r.name, officeId: r.office_id, active: r.active, openCases: Number(r.n) })) };
}
