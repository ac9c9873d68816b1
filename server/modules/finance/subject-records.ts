import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the finance module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function financeSubjectRecords(ex: Executor, { caseIds }: Subject) {
  return {
    budget_entry: await ex.selectFrom('budget_entry').selectAll().where('case_id', 'in', caseIds).orderBy('entered_at').execute(),
  };
}
