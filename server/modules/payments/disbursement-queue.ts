import { sql } from 'kysely';
import type { QueueQuery } from '../../../shared/schemas/payments.js';
import { can } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { inScope } from '../../platform/scope.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';

/**
 * The disbursement queue of the cases in the actor's scope (as other case reads), optionally of one
 * office (host or origin), in pages:
 * - `due`: tranches released or due by today and not fully paid, of components still open;
 * - `awaiting_approval`: payments above the threshold waiting for a second person;
 * - `missing_receipts`: paid payments without a receipt or waiver.
 * Payments of community projects are in the last two, in the scope of the project's office.
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
    case_id: string | null; case_number: string | null; office_id: string; tranche_id: string | null; component_type: string | null; position: number | null; due_on: string | null; released: boolean;
    amount_minor: string; currency: string; disbursement_id: string | null; paid_on: string | null; total: number;
    community_project_id?: string | null; community_project_title?: string | null;
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
    // A community project's payments wait in the same queue, in the scope of the project's office.
    const communityScope = sql<boolean>`${inScope(actor, permission, { office: 'cp.office_id' })} AND ${query.officeId ? sql<boolean>`cp.office_id = ${query.officeId}` : sql<boolean>`true`}`;
    ({ rows } = await sql<Row>`
      SELECT q.*, count(*) OVER ()::int AS total FROM (
        SELECT c.id AS case_id, c.case_number, c.office_id, t.id AS tranche_id, rc.type AS component_type, t.position, t.due_on::text, true AS released,
               d.amount_minor::text, d.currency, d.id AS disbursement_id, d.paid_on::text, d.recorded_at, NULL::uuid AS community_project_id, NULL::text AS community_project_title
        ${base}
        JOIN disbursement d ON d.tranche_id = t.id
        LEFT JOIN disbursement_decision dd ON dd.disbursement_id = d.id
        WHERE ${scope} AND ${which} AND NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id)
        UNION ALL
        SELECT NULL::uuid, NULL::text, cp.office_id, NULL::uuid, NULL::text, NULL::int, NULL::text, true,
               d.amount_minor::text, d.currency, d.id, d.paid_on::text, d.recorded_at, cp.id, cp.title
        FROM disbursement d
        JOIN community_project cp ON cp.id = d.community_project_id
        LEFT JOIN disbursement_decision dd ON dd.disbursement_id = d.id
        WHERE ${communityScope} AND ${which} AND NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id)
      ) q
      ORDER BY q.paid_on, coalesce(q.case_number, q.community_project_title), q.recorded_at, q.disbursement_id
      LIMIT ${query.pageSize} OFFSET ${offset}`.execute(ctx.db));
  }
  return {
    items: rows.map((r) => ({
      kind: query.kind, caseId: r.case_id, caseNumber: r.case_number, officeId: r.office_id, trancheId: r.tranche_id, componentType: r.component_type,
      position: r.position, dueOn: r.due_on, released: r.released, amountMinor: Number(r.amount_minor), currency: r.currency,
      disbursementId: r.disbursement_id, paidOn: r.paid_on,
      communityProject: r.community_project_id ? { id: r.community_project_id, title: r.community_project_title ?? '' } : null,
    })),
    total: rows[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
