import { sql } from 'kysely';
import type { Permission } from '../../../shared/access.js';
import type { DisbursementStatus } from '../../../shared/schemas/payments.js';
import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { findCase } from '../cases/index.js';
import { convertMinor, rateOn } from '../finance/index.js';
import { approvedComponents } from '../reintegration/index.js';
import { errors } from './payments.errors.js';

/** Who reads a case's payments: its caseworkers and those who pay. */
export const PAYMENT_READERS = ['case.read', 'disbursement.record', 'disbursement.approve'] as const satisfies readonly Permission[];

/** The permission whose scope a reader's read of a case's payments goes by (403 without any). */
export function readPermission(actor: Actor): Permission {
  const p = PAYMENT_READERS.find((x) => can(actor, x));
  if (!p) throw platformErrors.FORBIDDEN();
  return p;
}

/** A case the actor reads payments of (404 outside the scope). */
export const findPaymentCase = (ex: Executor, actor: Actor, caseId: string) => findCase(ex, actor, caseId, readPermission(actor));

/** A component of the case's approved plan by its id in that version (404 otherwise). */
export async function approvedComponent(ex: Executor, caseId: string, componentId: string) {
  const c = (await approvedComponents(ex, caseId)).find((x) => x.id === componentId);
  if (!c) throw errors.PAYMENT_COMPONENT_NOT_FOUND();
  return c;
}

export async function componentByKey(ex: Executor, caseId: string, componentKey: string) {
  const c = (await approvedComponents(ex, caseId)).find((x) => x.component_key === componentKey);
  if (!c) throw errors.PAYMENT_COMPONENT_NOT_FOUND();
  return c;
}

/** A tranche of the case (404 otherwise), locked when asked. */
export async function findTranche(ex: Executor, caseId: string, trancheId: string, lock = false) {
  let q = ex.selectFrom('payment_tranche').selectAll().where('id', '=', trancheId).where('case_id', '=', caseId);
  if (lock) q = q.forUpdate();
  const t = await q.executeTakeFirst();
  if (!t) throw errors.TRANCHE_NOT_FOUND();
  return t;
}

/** Disbursements with what decides their status: the decision and the reversal. */
export function disbursementsWithState(ex: Executor) {
  return ex
    .selectFrom('disbursement as d')
    .leftJoin('disbursement_decision as dd', 'dd.disbursement_id', 'd.id')
    .leftJoin('disbursement_reversal as dr', 'dr.disbursement_id', 'd.id')
    .selectAll('d')
    .select([
      'dd.decision', 'dd.reason as decision_reason', 'dd.decided_by', 'dd.decided_at',
      'dr.reason as reversal_reason', 'dr.reversed_by', 'dr.reversed_at',
      sql<boolean>`EXISTS (SELECT 1 FROM disbursement_receipt x WHERE x.disbursement_id = d.id)`.as('receipt_done'),
    ]);
}
export type DisbursementRow = Awaited<ReturnType<ReturnType<typeof disbursementsWithState>['executeTakeFirstOrThrow']>>;

/** Paid once recorded below the threshold or approved; a rejection or a reversal ends it. */
export function statusOf(d: { needs_approval: boolean; decision: string | null; reversed_at: Date | null }): DisbursementStatus {
  if (d.reversed_at) return 'reversed';
  if (d.decision === 'rejected') return 'rejected';
  if (d.needs_approval && d.decision !== 'approved') return 'awaiting_approval';
  return 'paid';
}

/** One disbursement of the case (404 otherwise), the case being locked by the caller. */
export async function findDisbursement(ex: Executor, caseId: string, disbursementId: string) {
  const d = await disbursementsWithState(ex).where('d.id', '=', disbursementId).where('d.case_id', '=', caseId).executeTakeFirst();
  if (!d) throw errors.DISBURSEMENT_NOT_FOUND();
  return d;
}

/** Whether the case is unsafe to revisit: flagged itself, or returning to a place its project marks unsafe. */
export async function isUnsafe(ex: Executor, caseId: string): Promise<boolean> {
  const row = await sql<{ unsafe: boolean }>`
    SELECT EXISTS (SELECT 1 FROM case_unsafe_area f WHERE f.case_id = ${caseId})
        OR EXISTS (
          SELECT 1 FROM return_case c
            JOIN arrival a ON a.case_id = c.id
            JOIN project_unsafe_location l ON l.project_id = c.project_id AND l.country = c.country_of_return AND lower(l.place) = lower(a.place)
           WHERE c.id = ${caseId}) AS unsafe`.execute(ex);
  return row.rows[0]?.unsafe ?? false;
}

/** The project's unsafe places that apply to the case (its country and arrival place). */
export function locationsOfCase(ex: Executor, caseId: string) {
  return ex
    .selectFrom('project_unsafe_location as l')
    .innerJoin('return_case as c', (j) => j.onRef('c.project_id', '=', 'l.project_id').onRef('c.country_of_return', '=', 'l.country'))
    .innerJoin('arrival as a', 'a.case_id', 'c.id')
    .innerJoin('app_user as u', 'u.id', 'l.created_by')
    .select(['l.id', 'l.project_id', 'l.country', 'l.place', 'l.reason', 'l.created_by', 'u.name as created_by_name', 'l.created_at'])
    .where('c.id', '=', caseId)
    .where(sql<boolean>`lower(l.place) = lower(a.place)`)
    .execute();
}

export interface StoredConversion {
  currency: string;
  amountMinor: number;
  rate: string;
  source: string;
}

/**
 * An amount converted at the rate in force on the payment day, with where the rate came from
 * ("same", or the path and the sources of the rate rows: "direct: manual", "usd: rates.csv, manual"),
 * to be stored with the payment and never recomputed.
 */
export async function conversionOn(ex: Executor, amountMinor: number, from: string, to: string, day: string): Promise<StoredConversion> {
  const r = await rateOn(ex, from, to, day);
  let source: string = r.path;
  if (r.rateIds.length) {
    const rows = await ex.selectFrom('exchange_rate').select(['id', 'source']).where('id', 'in', r.rateIds).execute();
    source = `${r.path}: ${r.rateIds.map((id) => rows.find((x) => x.id === id)?.source ?? id).join(', ')}`;
  }
  return { currency: to, amountMinor: convertMinor(amountMinor, from, to, r.rate), rate: r.rate, source };
}

/** Names of users, for presenters. */
export async function namesOf(ex: Executor, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await ex.selectFrom('app_user').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
