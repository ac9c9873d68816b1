import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the community module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function communitySubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  return {
    community_project_returnee: await ex.selectFrom('community_project_returnee').selectAll().where('case_id', 'in', caseIds).execute(),
    group_training_participant: await ex.selectFrom('group_training_participant').selectAll().where('person_id', '=', personId).execute(),
    group_training_attendance: await ex.selectFrom('group_training_attendance').selectAll().where('person_id', '=', personId).execute(),
  };
}
