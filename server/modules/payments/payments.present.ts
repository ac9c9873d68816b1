import type { z } from 'zod';
import type { casePaymentsView, disbursementView as disbursementSchema } from '../../../shared/schemas/payments.js';
import type { Executor } from '../../platform/db.js';
import { approvedComponents } from '../reintegration/index.js';
import { disbursementsWithState, isUnsafe, locationsOfCase, namesOf, statusOf, type DisbursementRow } from './payments.repo.js';

type DisbursementView = z.output<typeof disbursementSchema>;
type CasePaymentsView = z.output<typeof casePaymentsView>;

type Names = Map<string, string>;
const who = (names: Names, id: string) => ({ id, name: names.get(id) ?? '' });
const whoOrNull = (names: Names, id: string | null) => (id ? who(names, id) : null);

type Receipt = { id: string; disbursement_id: string; attachment_id: string | null; waiver_reason: string | null; recorded_by: string; recorded_at: Date };

export function presentDisbursement(d: DisbursementRow, receipts: Receipt[], names: Names): DisbursementView {
  return {
    id: d.id, caseId: d.case_id!, trancheId: d.tranche_id!, recipient: d.recipient, providerId: d.provider_id, personId: d.person_id, method: d.method,
    amountMinor: d.amount_minor, currency: d.currency, paidOn: d.paid_on, reference: d.reference, note: d.note,
    status: statusOf(d),
    inComponentCurrency: { currency: d.component_currency!, amountMinor: d.component_amount_minor!, rate: d.component_rate!, source: d.component_rate_source! },
    inProjectCurrency: d.project_currency && d.project_amount_minor !== null && d.project_rate
      ? { currency: d.project_currency, amountMinor: d.project_amount_minor, rate: d.project_rate, source: d.project_rate_source ?? '' } : null,
    inBudgetLineCurrency: d.budget_line_id && d.budget_currency && d.budget_amount_minor !== null && d.budget_rate
      ? { budgetLineId: d.budget_line_id, currency: d.budget_currency, amountMinor: d.budget_amount_minor, rate: d.budget_rate, source: d.budget_rate_source ?? '' } : null,
    threshold: d.threshold_minor !== null && d.threshold_currency ? { amountMinor: d.threshold_minor, currency: d.threshold_currency } : null,
    needsApproval: d.needs_approval,
    recordedBy: who(names, d.recorded_by), recordedAt: d.recorded_at,
    decision: d.decision && d.decided_by && d.decided_at
      ? { decision: d.decision, reason: d.decision_reason, decidedBy: who(names, d.decided_by), decidedAt: d.decided_at } : null,
    receipts: receipts.map((r) => ({ id: r.id, attachmentId: r.attachment_id, waiverReason: r.waiver_reason, recordedBy: who(names, r.recorded_by), recordedAt: r.recorded_at })),
    receiptDone: receipts.length > 0,
    reversal: d.reversed_at && d.reversed_by && d.reversal_reason ? { reason: d.reversal_reason, reversedBy: who(names, d.reversed_by), reversedAt: d.reversed_at } : null,
  };
}

const receiptsOf = (ex: Executor, ids: string[]) =>
  ids.length ? ex.selectFrom('disbursement_receipt').selectAll().where('disbursement_id', 'in', ids).orderBy('recorded_at').orderBy('id').execute() : Promise.resolve([]);

/** One disbursement as the API answers it. */
export async function disbursementView(ex: Executor, disbursementId: string): Promise<DisbursementView> {
  const d = await disbursementsWithState(ex).where('d.id', '=', disbursementId).executeTakeFirstOrThrow();
  const receipts = await receiptsOf(ex, [d.id]);
  const names = await namesOf(ex, [d.recorded_by, d.decided_by, d.reversed_by, ...receipts.map((r) => r.recorded_by)]);
  return presentDisbursement(d, receipts, names);
}

/** A case's payments: each approved component with its tranches, their conditions and disbursements, and whether the case is unsafe to revisit. */
export async function casePayments(ex: Executor, caseId: string): Promise<CasePaymentsView> {
  const components = await approvedComponents(ex, caseId);
  const tranches = await ex.selectFrom('payment_tranche').selectAll().where('case_id', '=', caseId).orderBy('position').execute();
  const trancheIds = tranches.map((t) => t.id);
  const conditions = trancheIds.length
    ? await ex.selectFrom('payment_tranche_condition').selectAll().where('tranche_id', 'in', trancheIds).orderBy('position').execute() : [];
  const disbursements = await disbursementsWithState(ex).where('d.case_id', '=', caseId).orderBy('d.recorded_at').orderBy('d.id').execute();
  const receipts = await receiptsOf(ex, disbursements.map((d) => d.id));
  const flag = await ex.selectFrom('case_unsafe_area').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  const locations = await locationsOfCase(ex, caseId);
  const names = await namesOf(ex, [
    ...tranches.map((t) => t.released_by), ...conditions.map((c) => c.met_by), ...disbursements.flatMap((d) => [d.recorded_by, d.decided_by, d.reversed_by]),
    ...receipts.map((r) => r.recorded_by), flag?.set_by, ...locations.map((l) => l.created_by),
  ]);
  return {
    caseId,
    unsafeArea: {
      unsafe: await isUnsafe(ex, caseId),
      flag: flag ? { reason: flag.reason, setBy: who(names, flag.set_by), setAt: flag.set_at } : null,
      locations: locations.map((l) => ({ id: l.id, projectId: l.project_id, country: l.country, place: l.place, reason: l.reason, createdBy: { id: l.created_by, name: l.created_by_name }, createdAt: l.created_at })),
    },
    components: components.map((c) => {
      const own = tranches.filter((t) => t.component_key === c.component_key);
      return {
        id: c.id, componentKey: c.component_key, type: c.type, status: c.status, amountMinor: c.amount_minor, currency: c.currency,
        startsOn: c.starts_on, endsOn: c.ends_on, providerId: c.provider_id, budgetLineId: c.budget_line_id,
        scheduledMinor: own.reduce((s, t) => s + t.amount_minor, 0),
        tranches: own.map((t) => {
          const paid = disbursements.filter((d) => d.tranche_id === t.id);
          return {
            id: t.id, position: t.position, amountMinor: t.amount_minor, currency: t.currency, dueOn: t.due_on,
            released: t.released_at !== null, releasedBy: whoOrNull(names, t.released_by), releasedAt: t.released_at,
            paidMinor: paid.filter((d) => ['paid', 'awaiting_approval'].includes(statusOf(d))).reduce((s, d) => s + (d.component_amount_minor ?? 0), 0),
            conditions: conditions.filter((x) => x.tranche_id === t.id).map((x) => ({
              id: x.id, kind: x.kind, trainingId: x.training_id, text: x.text, met: x.met_at !== null, metBy: whoOrNull(names, x.met_by), metAt: x.met_at, note: x.met_note,
            })),
            disbursements: paid.map((d) => presentDisbursement(d, receipts.filter((r) => r.disbursement_id === d.id), names)),
          };
        }),
      };
    }),
  };
}
