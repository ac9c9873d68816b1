import { sql } from 'kysely';
import type { QueueQuery } from '../../../shared/schemas/payments.js';
import { can } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';

/**
 * The disbursement queue of the cases in the actor's scope (as other case reads), optionally of one
 * office (host or origin), in pages:
 * - `due`: tranches released or due by today and not fully paid, of components still open;
 * - `awaiting_approval`: payments above the threshold waiting for a second person;
 * - `missing_receipts`: paid payments without a receipt or waiver.
 */
export async function disbursementQueue(query: QueueQuery, ctx: UseCaseContext) {
  const { actor } = ctx;
  const permission = (['disbursement.record', 'disbursement.approve'] as const).find((p) => can(actor, p));
  if (!permission) throw platformErrors.FORBIDDEN();
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const office = query.officeId ? sql<boolean>`(c.office_id = ${query.officeId} OR c.origin_office_id = ${query.officeId})` : sql<boolean>`true`;
  const scope = sql<boolean>`${caseScope(actor, permission)} AND ${office}`;
  const offset = (query.page - 1) * query.pageSize;
  const settledAmount = sql`(SELECT coalesce(sum(d.component_amount_minor), 0) FROM disbursement d
        LEFT JOIN disbursement_decision dd ON dd.disbursement_id = d.id
       WHERE d.tranche_id = t.id AND (dd.decision IS NULL OR dd.decision = 'approved')
         AND NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id))`;
  const base = sql`
    FROM payment_tranche t
    JOIN return_case c ON c.id = t.case_id
    JOIN reintegration_plan_version v ON v.case_id = t.case_id AND v.status = 'approved'
    JOIN reintegration_component rc ON rc.version_id = v.id AND rc.component_key = t.component_key`;
  type Row = {
    case_id: string; case_number: string; office_id: string; tranche_id: string; component_type: string; position: number; due_on: string; released: boolean;
    amount_minor: string; currency: string; disbursement_id: string | null; paid_on: string | null; total: number;
  };
  let rows: Row[];
  if (query.kind === 'due') {
    ({ rows } = await sql<Row>`
      SELECT c.id AS case_id, c.case_number, c.office_id, t.id AS tranche_id, rc.type AS component_type, t.position, t.due_on::text, t.released_at IS NOT NULL AS released,
             (t.amount_minor - ${settledAmount})::text AS amount_minor, t.currency, NULL::uuid AS disbursement_id, NULL::text AS paid_on, count(*) OVER ()::int AS total
      ${base}
      WHERE ${scope} AND rc.status IN ('planned', 'in_progress') AND (t.released_at IS NOT NULL OR t.due_on <= ${today})
        AND t.amount_minor > ${settledAmount}
      ORDER BY t.due_on, c.case_number, t.position
      LIMIT ${query.pageSize} OFFSET ${offset}`.execute(ctx.db));
  } else {
    const which = query.kind === 'awaiting_approval'
      ? sql`d.needs_approval AND dd.decision IS NULL`
      : sql`(NOT d.needs_approval OR dd.decision = 'approved') AND NOT EXISTS (SELECT 1 FROM disbursement_receipt x WHERE x.disbursement_id = d.id)`;
    ({ rows } = await sql<Row>`
      SELECT c.id AS case_id, c.case_number, c.office_id, t.id AS tranche_id, rc.type AS component_type, t.position, t.due_on::text, true AS released,
             d.amount_minor::text, d.currency, d.id AS disbursement_id, d.paid_on::text, count(*) OVER ()::int AS total
      ${base}
      JOIN disbursement d ON d.tranche_id = t.id
      LEFT JOIN disbursement_decision dd ON dd.disbursement_id = d.id
      WHERE ${scope} AND ${which} AND NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id)
      ORDER BY d.paid_on, c.case_number, d.recorded_at
      LIMIT ${query.pageSize} OFFSET ${offset}`.execute(ctx.db));
  }
  return {
    items: rows.map((r) => ({
      kind: query.kind, caseId: r.case_id, caseNumber: r.case_number, officeId: r.office_id, trancheId: r.tranche_id, componentType: r.component_type,
      position: r.position, dueOn: r.due_on, released: r.released, amountMinor: Number(r.amount_minor), currency: r.currency,
      disbursementId: r.disbursement_id, paidOn: r.paid_on,
    })),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
