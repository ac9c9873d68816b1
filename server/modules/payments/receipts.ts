import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db.js';
import { errors } from './payments.errors.js';

/**
 * Paid (not reversed) disbursements of some tranches without a receipt or a waiver, and those still
 * waiting for approval: a tranche is settled when it has neither.
 */
async function unsettled(ex: Executor, trancheIds: string[]) {
  if (!trancheIds.length) return { missing: 0, awaiting: 0 };
  const row = await sql<{ missing: number; awaiting: number }>`
    SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM disbursement_receipt x WHERE x.disbursement_id = d.id)
                              AND (NOT d.needs_approval OR dd.decision = 'approved'))::int AS missing,
           count(*) FILTER (WHERE d.needs_approval AND dd.decision IS NULL)::int AS awaiting
      FROM disbursement d
      LEFT JOIN disbursement_decision dd ON dd.disbursement_id = d.id
     WHERE d.tranche_id IN (${sql.join(trancheIds)})
       AND NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id)`.execute(ex);
  return row.rows[0] ?? { missing: 0, awaiting: 0 };
}

/** Whether every payment of the tranche before this one (of the same component) has a receipt or waiver, and none waits for approval. */
export async function previousTrancheSettled(ex: Executor, tranche: { case_id: string; component_key: string; position: number }) {
  const previous = await ex.selectFrom('payment_tranche').select('id').where('case_id', '=', tranche.case_id).where('component_key', '=', tranche.component_key)
    .where('position', '<', tranche.position).orderBy('position', 'desc').limit(1).executeTakeFirst();
  if (!previous) return true;
  const u = await unsettled(ex, [previous.id]);
  return u.missing === 0 && u.awaiting === 0;
}

/**
 * The check the reintegration module makes before a component is delivered (through its port,
 * connected in `server/compose.ts`): 409 COMPONENT_RECEIPTS_MISSING while one of its paid
 * disbursements lacks a receipt or a waiver.
 */
export async function assertReceiptsComplete(trx: Tx, { caseId, componentKey }: { caseId: string; componentKey: string }) {
  const tranches = await trx.selectFrom('payment_tranche').select('id').where('case_id', '=', caseId).where('component_key', '=', componentKey).execute();
  const u = await unsettled(trx, tranches.map((t) => t.id));
  if (u.missing > 0) throw errors.COMPONENT_RECEIPTS_MISSING({ missing: u.missing });
}
