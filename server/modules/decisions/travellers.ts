import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/**
 * The travelling members of a case without a current informed decision (none recorded, or ended
 * by a withdrawal). Applications and travel bookings are refused while this is not empty.
 */
export async function travellersWithoutDecision(ex: Executor, caseId: string): Promise<{ personId: string; name: string }[]> {
  const rows = await ex
    .selectFrom('case_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id as personId', sql<string>`p.given_name || ' ' || p.family_name`.as('name')])
    .where('m.case_id', '=', caseId)
    .where('m.travelling', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('informed_decision as d').select('d.id').whereRef('d.case_id', '=', 'm.case_id').whereRef('d.person_id', '=', 'm.person_id').where('d.ended_at', 'is', null))),
    )
    .orderBy('m.position')
    .execute();
  return rows;
}
