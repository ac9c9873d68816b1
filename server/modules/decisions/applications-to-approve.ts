import { sql } from 'kysely';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';

/** Applications awaiting a decision, in the approver's scope, oldest first. */
export async function applicationsToApprove(input: { page: number; pageSize: number }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.approve');
  const base = db
    .selectFrom('application as ap')
    .innerJoin('return_case as c', 'c.id', 'ap.case_id')
    .where('ap.outcome', 'is', null)
    .where('c.stage', '=', 'application_submitted')
    .where(caseScope(actor, 'case.approve'));
  const [items, total] = await Promise.all([
    base
      .innerJoin('person as p', 'p.id', 'c.principal_person_id')
      .innerJoin('office as o', 'o.id', 'c.office_id')
      .innerJoin('app_user as su', 'su.id', 'ap.submitted_by')
      .select([
        'ap.id', 'ap.case_id', 'c.case_number', 'c.country_of_return', 'o.name as office_name', 'ap.submitted_by', 'su.name as submitted_by_name', 'ap.submitted_at',
        sql<string>`p.given_name || ' ' || p.family_name`.as('principal_name'),
        sql<number>`(SELECT count(*)::int FROM case_member m WHERE m.case_id = c.id AND m.travelling)`.as('travellers'),
      ])
      .orderBy('ap.submitted_at')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    page: input.page,
    pageSize: input.pageSize,
    items: items.map((a) => ({
      id: a.id, caseId: a.case_id, caseNumber: a.case_number, principalName: a.principal_name, countryOfReturn: a.country_of_return, officeName: a.office_name,
      travellers: a.travellers, submittedBy: { id: a.submitted_by, name: a.submitted_by_name }, submittedAt: a.submitted_at, ownSubmission: a.submitted_by === actor.userId,
    })),
  };
}
