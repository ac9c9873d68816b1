import type { Executor } from '../../platform/db.js';
import { namesOf, totalsOf } from './plan-overview.js';

/**
 * What the handover package says of the plan: the current version (approved, else the draft), its
 * components' types, amounts in their currency, dates and status, with totals per currency. No
 * descriptions: they may tell of health or protection matters the returnee did not consent to share.
 */
export async function planForHandover(ex: Executor, caseId: string) {
  const versions = await ex.selectFrom('reintegration_plan_version').select(['id', 'number', 'status', 'agreed_on'])
    .where('case_id', '=', caseId).where('status', 'in', ['approved', 'draft']).execute();
  const current = versions.find((v) => v.status === 'approved') ?? versions.find((v) => v.status === 'draft');
  if (!current) return null;
  const components = await ex.selectFrom('reintegration_component')
    .select(['type', 'amount_minor', 'currency', 'starts_on', 'ends_on', 'status', 'provider_id', 'budget_line_id']).where('version_id', '=', current.id).orderBy('position').execute();
  const { providers, lines } = await namesOf(ex, components);
  return {
    number: current.number,
    status: current.status,
    agreed: current.agreed_on !== null,
    components: components.map((x) => ({ type: x.type, amountMinor: x.amount_minor, currency: x.currency, startsOn: x.starts_on, endsOn: x.ends_on, status: x.status,
      provider: providers.find((p) => p.id === x.provider_id)?.name ?? null,
      budgetLine: lines.filter((l) => l.id === x.budget_line_id).map(({ code, name }) => ({ code, name }))[0] ?? null,
    })),
    totals: totalsOf(components),
  };
}
export type HandoverPlan = NonNullable<Awaited<ReturnType<typeof planForHandover>>>;
