import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the decisions module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function decisionsSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  return {
    informed_decision: await ex.selectFrom('informed_decision').selectAll().where('case_id', 'in', caseIds).where('person_id', '=', personId).orderBy('recorded_at').execute(),
    withdrawal: await ex.selectFrom('withdrawal').selectAll().where('case_id', 'in', caseIds).orderBy('at').execute(),
    application: await ex.selectFrom('application').selectAll().where('case_id', 'in', caseIds).orderBy('submitted_at').execute(),
  };
}
