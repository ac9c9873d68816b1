import type { DisbursementInput } from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { assertProviderUsable } from '../providers/index.js';
import { ledgerPaid } from './ledger.js';
import { disbursementView } from './payments.present.js';
import { componentByKey, conversionOn, findTranche, statusOf, disbursementsWithState, type StoredConversion } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** The stored disbursement a request key recorded, when it is this request's; 409 when the key recorded another payment. */
async function replayOf(ctx: UseCaseContext, trx: Parameters<typeof disbursementView>[0], caseId: string, requestKey: string, input: DisbursementInput) {
  const d = await trx.selectFrom('disbursement').select(['id', 'case_id', 'tranche_id', 'recorded_by', 'amount_minor', 'currency']).where('request_key', '=', requestKey).executeTakeFirst();
  if (!d) return null;
  const same = d.case_id === caseId && d.tranche_id === input.trancheId && d.recorded_by === ctx.actor.userId && d.amount_minor === input.amountMinor && d.currency === input.currency;
  if (!same) throw errors.DISBURSEMENT_KEY_REUSED();
  return { created: false as const, view: await disbursementView(trx, d.id) };
}

/**
 * Records a payment against a released tranche, to a usable service provider or to a member of the
 * household, exactly once per request key (the Idempotency-Key): the key is a unique column of the
 * disbursement, so a repeat, however concurrent, finds the first payment instead of making a second.
 *
 * The amount is kept as paid, in its currency; its value in the component's, the project's and the
 * budget line's currencies at the rate in force on the payment day is stored with it (rate, source,
 * converted amount) and never recomputed. Above the threshold of the case's responsible office
 * (compared in the threshold's currency) the payment waits for a second person's approval; below
 * it, it is paid at once and written to the budget line's ledger in the same transaction.
 */
export async function recordDisbursementUseCase({ caseId, requestKey, input }: { caseId: string; requestKey: string; input: DisbursementInput }, ctx: UseCaseContext) {
  const { actor } = ctx;
  requirePermission(actor, 'disbursement.record');
  return changeCase(ctx, { caseId, permission: 'disbursement.record' }, async ({ trx, case: c, now }) => {
    const replay = await replayOf(ctx, trx, c.id, requestKey, input);
    if (replay) return replay;
    const today = now.toISOString().slice(0, 10);
    if (input.paidOn > today) throw errors.DISBURSEMENT_DATE_IN_FUTURE({ field: 'paidOn' });
    const tranche = await findTranche(trx, c.id, input.trancheId, true);
    if (!tranche.released_at) throw errors.TRANCHE_NOT_RELEASED({ field: 'trancheId' });
    const component = await componentByKey(trx, c.id, tranche.component_key);
    if (component.status !== 'planned' && component.status !== 'in_progress') throw errors.PAYMENT_COMPONENT_CLOSED({ status: component.status });

    let personId: string | null = null;
    if (input.recipient === 'provider') await assertProviderUsable(trx, actor, input.providerId!);
    else {
      personId = input.personId ?? c.principal_person_id;
      const member = await trx.selectFrom('case_member').select('person_id').where('case_id', '=', c.id).where('person_id', '=', personId).executeTakeFirst();
      if (!member) throw errors.DISBURSEMENT_RECIPIENT_INVALID({ field: 'personId' });
    }

    const inComponent = await conversionOn(trx, input.amountMinor, input.currency, component.currency, input.paidOn);
    const earlier = await disbursementsWithState(trx).where('d.tranche_id', '=', tranche.id).execute();
    const paidMinor = earlier.filter((d) => ['paid', 'awaiting_approval'].includes(statusOf(d))).reduce((s, d) => s + BigInt(d.component_amount_minor ?? 0), 0n);
    if (paidMinor + BigInt(inComponent.amountMinor) > BigInt(tranche.amount_minor)) {
      throw errors.TRANCHE_OVERPAID({ field: 'amountMinor', remainingMinor: Number(BigInt(tranche.amount_minor) - paidMinor), currency: tranche.currency });
    }
    let inProject: StoredConversion | null = null;
    if (c.project_id) {
      const project = await trx.selectFrom('project').select('currency').where('id', '=', c.project_id).executeTakeFirstOrThrow();
      inProject = await conversionOn(trx, input.amountMinor, input.currency, project.currency, input.paidOn);
    }
    let inBudget: StoredConversion | null = null;
    if (component.budget_line_id) {
      const line = await trx.selectFrom('budget_line').select('currency').where('id', '=', component.budget_line_id).executeTakeFirstOrThrow();
      inBudget = await conversionOn(trx, input.amountMinor, input.currency, line.currency, input.paidOn);
    }
    const threshold = await trx.selectFrom('office_disbursement_threshold').select(['amount_minor', 'currency'])
      .where('office_id', '=', c.origin_office_id ?? c.office_id).executeTakeFirst();
    let needsApproval = false;
    if (threshold) {
      const compared = await conversionOn(trx, input.amountMinor, input.currency, threshold.currency, input.paidOn);
      needsApproval = compared.amountMinor > threshold.amount_minor;
    }

    const inserted = await trx.insertInto('disbursement').values({
      request_key: requestKey, case_id: c.id, tranche_id: tranche.id, recipient: input.recipient, provider_id: input.providerId ?? null, person_id: personId,
      method: input.method, amount_minor: input.amountMinor, currency: input.currency, paid_on: input.paidOn, reference: input.reference ?? null, note: input.note ?? null,
      component_currency: inComponent.currency, component_amount_minor: inComponent.amountMinor, component_rate: inComponent.rate, component_rate_source: inComponent.source,
      project_currency: inProject?.currency ?? null, project_amount_minor: inProject?.amountMinor ?? null, project_rate: inProject?.rate ?? null, project_rate_source: inProject?.source ?? null,
      budget_line_id: inBudget ? component.budget_line_id : null, budget_currency: inBudget?.currency ?? null, budget_amount_minor: inBudget?.amountMinor ?? null,
      budget_rate: inBudget?.rate ?? null, budget_rate_source: inBudget?.source ?? null,
      threshold_minor: threshold?.amount_minor ?? null, threshold_currency: threshold?.currency ?? null, needs_approval: needsApproval,
      recorded_by: actor.userId, recorded_at: now,
    }).onConflict((oc) => oc.column('request_key').doNothing()).returning(['id', 'case_id', 'tranche_id', 'budget_line_id', 'budget_amount_minor', 'budget_currency']).executeTakeFirst();
    if (!inserted) {
      // Another transaction recorded this key meanwhile: the database kept one payment.
      const again = await replayOf(ctx, trx, c.id, requestKey, input);
      if (again) return again;
      throw errors.DISBURSEMENT_KEY_REUSED();
    }
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.recorded', entityType: 'disbursement', entityId: inserted.id, caseId: c.id, officeId: c.office_id,
      after: {
        trancheId: tranche.id, recipient: input.recipient, providerId: input.providerId ?? null, personId, method: input.method,
        amountMinor: input.amountMinor, currency: input.currency, paidOn: input.paidOn, reference: input.reference ?? null,
        inComponentCurrency: inComponent, inProjectCurrency: inProject, inBudgetLineCurrency: inBudget, needsApproval,
        threshold: threshold ? { amountMinor: threshold.amount_minor, currency: threshold.currency } : null,
      },
    });
    if (!needsApproval) await ledgerPaid(trx, ctx, inserted);
    return { created: true as const, view: await disbursementView(trx, inserted.id) };
  });
}
