import { openDocumentNumbers } from './document-numbers.js';
import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the cases module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function casesSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  const person = await ex.selectFrom('person').selectAll().where('id', '=', personId).execute();
  return {
    person,
    // The number opened (sealed for the person); its blind index stays as stored.
    identity_document: await openDocumentNumbers(ex, await ex.selectFrom('identity_document').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()),
    return_case: await ex.selectFrom('return_case').selectAll().where('id', 'in', caseIds).orderBy('created_at').execute(),
    // The person's own membership of each household (relationship, position, travelling).
    case_member: await ex.selectFrom('case_member').selectAll().where('case_id', 'in', caseIds).where('person_id', '=', personId).execute(),
    stage_transition: await ex.selectFrom('stage_transition').selectAll().where('case_id', 'in', caseIds).orderBy('at').execute(),
    case_note: await ex.selectFrom('case_note').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute(),
    // Metadata, hash and the file itself (the bundle writes it as base64).
    case_attachment: await ex.selectFrom('case_attachment').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute(),
    case_assignment: await ex.selectFrom('case_assignment').selectAll().where('case_id', 'in', caseIds).execute(),
    case_break_glass: await ex.selectFrom('case_break_glass').selectAll().where('case_id', 'in', caseIds).orderBy('granted_at').execute(),
    // Legal holds and restrictions of processing placed on the person (with who, when and why).
    person_legal_hold: await ex.selectFrom('person_legal_hold').selectAll().where('person_id', '=', personId).orderBy('placed_at').execute(),
    person_processing_restriction: await ex.selectFrom('person_processing_restriction').selectAll().where('person_id', '=', personId).orderBy('placed_at').execute(),
  };
}
