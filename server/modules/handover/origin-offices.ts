import { findCase } from '../cases/index.js';
import { receivingOfficers } from './handovers.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * Origin offices in the case's country of return (the choice offered when handing a case over),
 * each with the officers who receive handovers there (one must be named for a restricted case).
 */
export async function originOffices({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  const c = await findCase(db, actor, caseId, 'handover.send');
  const offices = await db.selectFrom('office').select(['id', 'name']).where('kind', '=', 'origin').where('country_code', '=', c.country_of_return).orderBy('name').execute();
  const items = [];
  for (const o of offices) items.push({ ...o, officers: await receivingOfficers(db, o.id) });
  return { restricted: c.restricted, items };
}
