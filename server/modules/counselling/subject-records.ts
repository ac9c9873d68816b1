import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { openSessionRow } from './session-sealing.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the counselling module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function counsellingSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  // Sessions of the person's cases the person took part in (or whose participants were not listed).
  const sessions = await ex.selectFrom('counselling_session').selectAll().where('case_id', 'in', caseIds)
    .where(sql<boolean>`(${personId}::uuid = ANY (participant_person_ids) OR cardinality(participant_person_ids) = 0)`).orderBy('starts_at').execute();
  const ids = sessions.map((s) => s.id);
  return {
    counselling_session: await Promise.all(sessions.map((s) => openSessionRow(ex, s))),
    counselling_session_coi: ids.length ? await ex.selectFrom('counselling_session_coi').selectAll().where('session_id', 'in', ids).execute() : [],
  };
}
