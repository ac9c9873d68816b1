import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the imports module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function importsSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  return {
    // The rows of legacy files imported for the person (as staged): their own row of a person file,
    // and the rows of the other files about their cases. The person file's rows of the other members
    // of their household carry the case's id too, and are theirs, not the person's.
    import_row: await ex.selectFrom('import_row').selectAll().where(sql<boolean>`(person_id = ${personId} OR (case_id IN (${sql.join(caseIds)})
      AND run_id IN (SELECT id FROM import_run WHERE entity <> 'households')))`).execute(),
    import_duplicate_review: await ex.selectFrom('import_duplicate_review').selectAll().where('person_id', '=', personId).execute(),
  };
}
