import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the protection module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function protectionSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  return {
    vulnerability: await ex.selectFrom('vulnerability').selectAll().where('case_id', 'in', caseIds).where('person_id', '=', personId).orderBy('created_at').execute(),
    special_measure: await ex.selectFrom('special_measure').selectAll().where('case_id', 'in', caseIds).where(sql<boolean>`(person_id = ${personId} OR person_id IS NULL)`).orderBy('created_at').execute(),
    health_record: await ex.selectFrom('health_record').selectAll().where('case_id', 'in', caseIds).where('person_id', '=', personId).orderBy('created_at').execute(),
  };
}
