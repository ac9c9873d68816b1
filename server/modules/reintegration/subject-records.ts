import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the reintegration module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function reintegrationSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  return {
    reintegration_plan_version: await ex.selectFrom('reintegration_plan_version').selectAll().where('case_id', 'in', caseIds).orderBy('number').execute(),
    // Components for the person, or for the whole household (no member named).
    reintegration_component: await ex.selectFrom('reintegration_component').selectAll().where('case_id', 'in', caseIds)
      .where(sql<boolean>`(${personId}::uuid = ANY (member_ids) OR cardinality(member_ids) = 0)`).orderBy('position').execute(),
    reintegration_commitment: await ex.selectFrom('reintegration_commitment').selectAll().where('case_id', 'in', caseIds).orderBy('recorded_at').execute(),
  };
}
