import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the payments module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function paymentsSubjectRecords(ex: Executor, { personId, caseIds }: Subject) {
  const tranches = await ex.selectFrom('payment_tranche').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute();
  // Disbursements to the person, or to a provider or the household for them (no person).
  const disbursements = await ex.selectFrom('disbursement').selectAll().where('case_id', 'in', caseIds)
    .where(sql<boolean>`(person_id = ${personId} OR person_id IS NULL)`).orderBy('recorded_at').execute();
  const t = tranches.map((r) => r.id);
  const d = disbursements.map((r) => r.id);
  return {
    payment_tranche: tranches,
    payment_tranche_condition: t.length ? await ex.selectFrom('payment_tranche_condition').selectAll().where('tranche_id', 'in', t).execute() : [],
    disbursement: disbursements,
    disbursement_decision: d.length ? await ex.selectFrom('disbursement_decision').selectAll().where('disbursement_id', 'in', d).execute() : [],
    // Receipts with their file (the bundle writes it as base64).
    disbursement_receipt: d.length ? await ex.selectFrom('disbursement_receipt').selectAll().where('disbursement_id', 'in', d).execute() : [],
    disbursement_reversal: d.length ? await ex.selectFrom('disbursement_reversal').selectAll().where('disbursement_id', 'in', d).execute() : [],
    case_unsafe_area: await ex.selectFrom('case_unsafe_area').selectAll().where('case_id', 'in', caseIds).execute(),
  };
}
