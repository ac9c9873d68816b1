import type { CommunityDisbursementInput } from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { assertProviderUsable } from '../providers/index.js';
import { communityDisbursementView, communityDisbursementViews, projectInScope, projectTotals } from './community-disbursements.repo.js';
import { conversionOn } from './payments.repo.js';
import { errors } from './payments.errors.js';

/** The stored payment a request key recorded, when it is this request's; 409 when the key recorded another payment. */
async function replayOf(ctx: UseCaseContext, trx: Tx, projectId: string, requestKey: string, input: CommunityDisbursementInput) {
  const d = await trx.selectFrom('disbursement').select(['id', 'community_project_id', 'recorded_by', 'amount_minor', 'currency']).where('request_key', '=', requestKey).executeTakeFirst();
  if (!d) return null;
  const same = d.community_project_id === projectId && d.recorded_by === ctx.actor.userId && d.amount_minor === input.amountMinor && d.currency === input.currency;
  if (!same) throw errors.DISBURSEMENT_KEY_REUSED();
  return { created: false as const, view: await communityDisbursementView(trx, projectId, d.id) };
}

/**
 * Records a payment of a community project's spending, to a usable service provider or to a partner
 * the project names, exactly once per request key (a unique column of the disbursement, as for a
 * case's payments). Its value in the project's currency at the rate of the payment day is stored with
 * it and never recomputed; it may not take what is paid and awaiting approval past the project's
 * budget. Above the threshold of the project's office (compared in the threshold's currency) it
 * waits for a second person's approval.
 */
export async function recordCommunityDisbursement({ projectId, requestKey, input }: { projectId: string; requestKey: string; input: CommunityDisbursementInput }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'disbursement.record');
  return db.transaction().execute(async (trx) => {
    const project = await projectInScope(trx, actor, projectId, ['disbursement.record'], true);
    const replay = await replayOf(ctx, trx, project.id, requestKey, input);
    if (replay) return replay;
    const now = clock.now();
    if (input.paidOn > now.toISOString().slice(0, 10)) throw errors.DISBURSEMENT_DATE_IN_FUTURE({ field: 'paidOn' });
    if (project.status === 'completed' || project.status === 'cancelled') throw errors.COMMUNITY_PROJECT_CLOSED({ status: project.status });
    if (input.recipient === 'provider') await assertProviderUsable(trx, actor, input.providerId!);
    else if (!project.partners.some((p) => p.name === input.partnerName)) throw errors.DISBURSEMENT_PARTNER_UNKNOWN({ field: 'partnerName', partners: project.partners.map((p) => p.name) });

    const inProject = await conversionOn(trx, input.amountMinor, input.currency, project.currency, input.paidOn);
    const totals = projectTotals(await communityDisbursementViews(trx, project.id));
    const remaining = BigInt(project.budget_minor) - totals.paidMinor - totals.awaitingMinor;
    if (BigInt(inProject.amountMinor) > remaining) {
      throw errors.COMMUNITY_BUDGET_EXCEEDED({ field: 'amountMinor', remainingMinor: Number(remaining), amountMinor: inProject.amountMinor, currency: project.currency });
    }
    const threshold = await trx.selectFrom('office_disbursement_threshold').select(['amount_minor', 'currency']).where('office_id', '=', project.office_id).executeTakeFirst();
    let needsApproval = false;
    if (threshold) needsApproval = (await conversionOn(trx, input.amountMinor, input.currency, threshold.currency, input.paidOn)).amountMinor > threshold.amount_minor;

    const inserted = await trx.insertInto('disbursement').values({
      request_key: requestKey, case_id: null, tranche_id: null, community_project_id: project.id, recipient: input.recipient,
      provider_id: input.providerId ?? null, partner_name: input.partnerName ?? null, person_id: null,
      method: input.method, amount_minor: input.amountMinor, currency: input.currency, paid_on: input.paidOn, reference: input.reference ?? null, note: input.note ?? null,
      component_currency: null, component_amount_minor: null, component_rate: null, component_rate_source: null,
      project_currency: inProject.currency, project_amount_minor: inProject.amountMinor, project_rate: inProject.rate, project_rate_source: inProject.source,
      budget_line_id: null, budget_currency: null, budget_amount_minor: null, budget_rate: null, budget_rate_source: null,
      threshold_minor: threshold?.amount_minor ?? null, threshold_currency: threshold?.currency ?? null, needs_approval: needsApproval,
      recorded_by: actor.userId, recorded_at: now,
    }).onConflict((oc) => oc.column('request_key').doNothing()).returning('id').executeTakeFirst();
    if (!inserted) {
      // Another transaction recorded this key meanwhile: the database kept one payment.
      const again = await replayOf(ctx, trx, project.id, requestKey, input);
      if (again) return again;
      throw errors.DISBURSEMENT_KEY_REUSED();
    }
    await audit(trx, auditContextOf(actor), {
      event: 'disbursement.recorded', entityType: 'disbursement', entityId: inserted.id, officeId: project.office_id,
      after: {
        communityProjectId: project.id, recipient: input.recipient, providerId: input.providerId ?? null, partnerName: input.partnerName ?? null, method: input.method,
        amountMinor: input.amountMinor, currency: input.currency, paidOn: input.paidOn, reference: input.reference ?? null,
        inProjectCurrency: inProject, needsApproval, threshold: threshold ? { amountMinor: threshold.amount_minor, currency: threshold.currency } : null,
      },
    });
    return { created: true as const, view: await communityDisbursementView(trx, project.id, inserted.id) };
  });
}
