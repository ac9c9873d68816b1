import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the eligibility module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function eligibilitySubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  const checks = await ex.selectFrom('eligibility_check').selectAll().where('case_id', 'in', caseIds).orderBy('checked_at').execute();
  const ids = checks.map((c) => c.id);
  return {
    eligibility_check: checks,
    // The person's own entitlements, and the household's (no person).
    eligibility_check_amount: ids.length
      ? await ex.selectFrom('eligibility_check_amount').selectAll().where('check_id', 'in', ids).where(sql<boolean>`(person_id = ${personId} OR person_id IS NULL)`).execute()
      : [],
  };
}
