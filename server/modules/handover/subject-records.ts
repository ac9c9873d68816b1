import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the handover module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function handoverSubjectRecords(ex: Executor, { caseIds }: Subject) {
  return {
    handover: await ex.selectFrom('handover').selectAll().where('case_id', 'in', caseIds).orderBy('sent_at').execute(),
    handover_consent: await ex.selectFrom('handover_consent').selectAll().where('case_id', 'in', caseIds).orderBy('recorded_at').execute(),
    arrival: await ex.selectFrom('arrival').selectAll().where('case_id', 'in', caseIds).execute(),
    reception_service: await ex.selectFrom('reception_service').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute(),
  };
}
