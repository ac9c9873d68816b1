import type { z } from 'zod';
import type { Permission } from '../../../shared/access.js';
import type { communityDisbursementView as viewSchema } from '../../../shared/schemas/payments.js';
import { can, scopeFor, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { officeInScope } from '../../platform/scope.js';
import { communityProjectForPayments } from '../community/index.js';
import { disbursementsWithState, namesOf, statusOf, type DisbursementRow } from './payments.repo.js';
import { errors } from './payments.errors.js';

type View = z.output<typeof viewSchema>;

/** Who reads a community project's payments: those who manage it and those who pay. */
export const COMMUNITY_PAYMENT_READERS = ['community.manage', 'disbursement.record', 'disbursement.approve'] as const satisfies readonly Permission[];

/**
 * A community project whose office is in the scope of the permission the actor acts with (the
 * first of those given that they hold), its row locked when asked; 404 otherwise, so that existence
 * does not leak.
 */
export async function projectInScope(ex: Executor, actor: Actor, id: string, permissions: readonly Permission[], lock = false) {
  const p = await communityProjectForPayments(ex, id, lock);
  const reaches = p && permissions.some((perm) => can(actor, perm) && officeInScope(actor, scopeFor(actor, perm), { id: p.office_id, organisation_id: p.organisation_id }));
  if (!p || !reaches) throw errors.PAYMENT_COMMUNITY_PROJECT_NOT_FOUND();
  return p;
}

/** One payment of the community project (404 otherwise), with what decides its status. */
export async function findProjectDisbursement(ex: Executor, projectId: string, disbursementId: string) {
  const d = await disbursementsWithState(ex).where('d.id', '=', disbursementId).where('d.community_project_id', '=', projectId).executeTakeFirst();
  if (!d) throw errors.DISBURSEMENT_NOT_FOUND();
  return d;
}

/** Payments of a community project as the API answers them (all of them, or one). */
export async function communityDisbursementViews(ex: Executor, projectId: string, only?: string): Promise<View[]> {
  let q = disbursementsWithState(ex).where('d.community_project_id', '=', projectId);
  if (only) q = q.where('d.id', '=', only);
  const rows = await q.orderBy('d.paid_on', 'desc').orderBy('d.recorded_at', 'desc').orderBy('d.id').execute();
  const ids = rows.map((d) => d.id);
  const receipts = ids.length
    ? await ex.selectFrom('disbursement_receipt').select(['id', 'disbursement_id', 'file_name', 'content_type', 'waiver_reason', 'recorded_by', 'recorded_at'])
      .where('disbursement_id', 'in', ids).orderBy('recorded_at').orderBy('id').execute()
    : [];
  const providerIds = [...new Set(rows.map((d) => d.provider_id).filter((x): x is string => !!x))];
  const providers = providerIds.length ? await ex.selectFrom('service_provider').select(['id', 'name']).where('id', 'in', providerIds).execute() : [];
  const names = await namesOf(ex, [...rows.flatMap((d) => [d.recorded_by, d.decided_by, d.reversed_by]), ...receipts.map((r) => r.recorded_by)]);
  const who = (id: string) => ({ id, name: names.get(id) ?? '' });
  return rows.map((d: DisbursementRow) => ({
    id: d.id, communityProjectId: d.community_project_id!, recipient: d.recipient as View['recipient'], providerId: d.provider_id,
    providerName: providers.find((p) => p.id === d.provider_id)?.name ?? null, partnerName: d.partner_name,
    method: d.method as View['method'], amountMinor: d.amount_minor, currency: d.currency, paidOn: d.paid_on, reference: d.reference, note: d.note,
    status: statusOf(d),
    inProjectCurrency: { currency: d.project_currency!, amountMinor: d.project_amount_minor!, rate: d.project_rate!, source: d.project_rate_source ?? '' },
    threshold: d.threshold_minor !== null && d.threshold_currency ? { amountMinor: d.threshold_minor, currency: d.threshold_currency } : null,
    needsApproval: d.needs_approval,
    recordedBy: who(d.recorded_by), recordedAt: d.recorded_at,
    decision: d.decision && d.decided_by && d.decided_at ? { decision: d.decision, reason: d.decision_reason, decidedBy: who(d.decided_by), decidedAt: d.decided_at } : null,
    receipts: receipts.filter((r) => r.disbursement_id === d.id).map((r) => ({
      id: r.id, fileName: r.file_name, contentType: r.content_type, waiverReason: r.waiver_reason, recordedBy: who(r.recorded_by), recordedAt: r.recorded_at,
    })),
    receiptDone: receipts.some((r) => r.disbursement_id === d.id),
    reversal: d.reversed_at && d.reversed_by && d.reversal_reason ? { reason: d.reversal_reason, reversedBy: who(d.reversed_by), reversedAt: d.reversed_at } : null,
  }));
}

/** One payment of a community project as the API answers it. */
export async function communityDisbursementView(ex: Executor, projectId: string, disbursementId: string): Promise<View> {
  const [v] = await communityDisbursementViews(ex, projectId, disbursementId);
  if (!v) throw errors.DISBURSEMENT_NOT_FOUND();
  return v;
}

/** What the project's payments amount to in its currency: paid (approved or below the threshold, not reversed) and awaiting approval. */
export function projectTotals(views: View[]) {
  const sum = (status: string) => views.filter((v) => v.status === status).reduce((s, v) => s + BigInt(v.inProjectCurrency.amountMinor), 0n);
  return { paidMinor: sum('paid'), awaitingMinor: sum('awaiting_approval') };
}
