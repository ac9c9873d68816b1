import { can } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findCase, stageAllows } from '../cases/index.js';
import { commitmentsOf, dayOf, entitlementCheck } from './plan-money.js';
import { componentsOf, mayEditPlan, versionsOf, type ComponentRow, type VersionRow } from './plan.repo.js';

/** The planned amounts of components added up per currency, in the order they first appear. */
export function totalsOf(components: Pick<ComponentRow, 'amount_minor' | 'currency'>[]) {
  const totals = new Map<string, number>();
  for (const x of components) totals.set(x.currency, (totals.get(x.currency) ?? 0) + x.amount_minor);
  return [...totals].map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

/** Every version of a case's plan with its components, members, files and people named. */
export async function presentVersions(ex: Executor, caseId: string) {
  const versions = await versionsOf(ex, caseId);
  const components = await componentsOf(ex, versions.map((v) => v.id));
  const userIds = [...new Set(versions.flatMap((v) => [v.drafted_by, v.agreement_recorded_by, v.approved_by, v.entitlement_overridden_by]).filter((x): x is string => Boolean(x)))];
  const users = userIds.length ? await ex.selectFrom('app_user').select(['id', 'name']).where('id', 'in', userIds).execute() : [];
  const people = await ex.selectFrom('case_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.given_name', 'p.family_name']).where('m.case_id', '=', caseId).execute();
  const fileIds = [...new Set([...versions.map((v) => v.agreement_attachment_id), ...components.map((x) => x.business_plan_attachment_id)].filter((x): x is string => Boolean(x)))];
  const files = fileIds.length ? await ex.selectFrom('case_attachment').select(['id', 'file_name']).where('id', 'in', fileIds).where('case_id', '=', caseId).execute() : [];
  const { providers, lines } = await namesOf(ex, components);
  const commitments = await commitmentsOf(ex, caseId);
  const user = (id: string) => ({ id, name: users.find((u) => u.id === id)?.name ?? '' });
  const file = (id: string | null) => {
    const f = id ? files.find((x) => x.id === id) : undefined;
    return f ? { id: f.id, fileName: f.file_name } : null;
  };
  const component = (x: ComponentRow) => ({
    id: x.id,
    key: x.component_key,
    type: x.type,
    description: x.description,
    members: x.member_ids.map((id) => {
      const p = people.find((m) => m.id === id);
      return { id, name: p ? `${p.given_name} ${p.family_name}` : '' };
    }),
    amountMinor: x.amount_minor,
    currency: x.currency,
    startsOn: x.starts_on,
    endsOn: x.ends_on,
    status: x.status,
    cancelReason: x.cancel_reason,
    businessPlan: file(x.business_plan_attachment_id),
    expectedMonthlyIncome: x.expected_monthly_income_minor !== null && x.expected_monthly_income_currency
      ? { amountMinor: x.expected_monthly_income_minor, currency: x.expected_monthly_income_currency } : null,
    employer: x.employer,
    provider: providers.find((p) => p.id === x.provider_id) ?? null,
    budgetLine: lines.find((l) => l.id === x.budget_line_id) ?? null,
    committed: (() => {
      const c = commitments.find((m) => m.componentKey === x.component_key && m.budgetLineId === x.budget_line_id);
      return c ? { amountMinor: c.amountMinor, currency: c.currency } : null;
    })(),
  });
  const version = (v: VersionRow) => {
    const own = components.filter((x) => x.version_id === v.id);
    return {
      id: v.id,
      number: v.number,
      status: v.status,
      draftedBy: user(v.drafted_by),
      draftedAt: v.drafted_at,
      agreement: v.agreed_on && v.agreement_recorded_by && v.agreement_recorded_at
        ? { agreedOn: v.agreed_on, language: v.agreement_language ?? '', attachment: file(v.agreement_attachment_id), recordedBy: user(v.agreement_recorded_by), recordedAt: v.agreement_recorded_at }
        : null,
      approvedBy: v.approved_by ? user(v.approved_by) : null,
      approvedAt: v.approved_at,
      supersededAt: v.superseded_at,
      entitlementOverride: v.entitlement_override_reason && v.entitlement_overridden_by ? { reason: v.entitlement_override_reason, by: user(v.entitlement_overridden_by) } : null,
      components: own.map(component),
      totals: totalsOf(own),
    };
  };
  return versions.map(version);
}

/** The providers' names and the budget lines' codes and names of components (the registry and the budget are read in SQL only). */
export async function namesOf(ex: Executor, components: Pick<ComponentRow, 'provider_id' | 'budget_line_id'>[]) {
  const providerIds = [...new Set(components.map((x) => x.provider_id).filter((x): x is string => Boolean(x)))];
  const lineIds = [...new Set(components.map((x) => x.budget_line_id).filter((x): x is string => Boolean(x)))];
  const providers = providerIds.length ? await ex.selectFrom('service_provider').select(['id', 'name']).where('id', 'in', providerIds).execute() : [];
  const lines = lineIds.length ? await ex.selectFrom('budget_line').select(['id', 'code', 'name', 'currency']).where('id', 'in', lineIds).execute() : [];
  return { providers, lines };
}

/** The case's plan as the actor reads it (`case.read` in the case's scope): approved version, draft, history. */
export async function planOverview({ caseId }: { caseId: string }, ctx: Pick<UseCaseContext, 'actor' | 'db' | 'clock'>) {
  const { actor, db } = ctx;
  const c = await findCase(db, actor, caseId, 'case.read');
  const versions = await presentVersions(db, caseId);
  const current = versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'approved');
  const rows = current ? await componentsOf(db, [current.id]) : [];
  return {
    id: c.id,
    version: c.version,
    stage: c.stage,
    editable: can(actor, 'reintegration.plan') && mayEditPlan(actor, c) && stageAllows('reintegration.plan', c),
    approved: versions.find((v) => v.status === 'approved') ?? null,
    draft: versions.find((v) => v.status === 'draft') ?? null,
    versions,
    check: current ? await entitlementCheck(db, caseId, current.id, rows, dayOf(ctx.clock.now())) : null,
  };
}
