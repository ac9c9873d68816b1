import type { ComponentInput } from '../../../shared/schemas/reintegration.js';
import type { Actor } from '../../platform/actor.js';
import type { Executor, Tx } from '../../platform/db.js';
import { isCaseAttachment, stageAllows } from '../cases/index.js';
import { budgetLine } from '../finance/index.js';
import { assertProviderUsable } from '../providers/index.js';
import { errors } from './reintegration.errors.js';

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The plan's versions of a case, newest first. */
export const versionsOf = (ex: Executor, caseId: string) =>
  ex.selectFrom('reintegration_plan_version').selectAll().where('case_id', '=', caseId).orderBy('number', 'desc').execute();
export type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

export const componentsOf = (ex: Executor, versionIds: string[]) =>
  versionIds.length
    ? ex.selectFrom('reintegration_component').selectAll().where('version_id', 'in', versionIds).orderBy('position').execute()
    : Promise.resolve([]);
export type ComponentRow = Awaited<ReturnType<typeof componentsOf>>[number];

export async function draftOf(trx: Tx, caseId: string) {
  return trx.selectFrom('reintegration_plan_version').selectAll().where('case_id', '=', caseId).where('status', '=', 'draft').executeTakeFirst();
}
export async function approvedOf(ex: Executor, caseId: string) {
  return ex.selectFrom('reintegration_plan_version').selectAll().where('case_id', '=', caseId).where('status', '=', 'approved').executeTakeFirst();
}

/**
 * The plan is edited by the office responsible for the case: the host office until a handover is
 * accepted, the origin office after (its staff read it as the case's audience allows). Staff of
 * no office act within their scope.
 */
export function responsibleOffice(c: { office_id: string; origin_office_id: string | null }) {
  return c.origin_office_id ?? c.office_id;
}
export function mayEditPlan(actor: Actor, c: { office_id: string; origin_office_id: string | null }) {
  return actor.officeId === null || actor.officeId === responsibleOffice(c);
}
export function assertPlanOwner(actor: Actor, c: { office_id: string; origin_office_id: string | null }) {
  if (!mayEditPlan(actor, c)) throw errors.PLAN_NOT_OWNER({ responsibleOfficeId: responsibleOffice(c) });
}

type PlanCase = { id: string; stage: string; office_id: string; origin_office_id: string | null };

/** The draft a planner may change now: the case at a planning stage, the actor's office responsible, a draft open. */
export async function openDraft(trx: Tx, actor: Actor, c: PlanCase) {
  if (!stageAllows('reintegration.plan', c)) throw errors.PLAN_STAGE_INVALID({ stage: c.stage });
  assertPlanOwner(actor, c);
  const draft = await draftOf(trx, c.id);
  if (!draft) throw errors.PLAN_NO_DRAFT();
  return draft;
}

/** A component of the open draft (404 for any other). */
export async function draftComponent(trx: Tx, draftId: string, componentId: string) {
  const row = await trx.selectFrom('reintegration_component').selectAll().where('id', '=', componentId).where('version_id', '=', draftId).executeTakeFirst();
  if (!row) throw errors.PLAN_COMPONENT_NOT_FOUND();
  return row;
}

/**
 * Checks a component against the case: members of the household, the child of an education
 * component, the business plan, its provider (usable, in the actor's reach: checked when it is
 * newly given the component) and its budget line (of the case's project, listing the type).
 */
export async function checkComponent(trx: Tx, actor: Actor, c: { id: string; project_id: string | null }, input: ComponentInput, before?: { provider_id: string | null }) {
  const members = await trx.selectFrom('case_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.birth_date']).where('m.case_id', '=', c.id).execute();
  const memberIds = [...new Set(input.memberIds)];
  const served = memberIds.map((id) => members.find((m) => m.id === id));
  if (served.some((m) => !m)) throw errors.PLAN_MEMBER_NOT_IN_CASE({ field: 'memberIds' });
  if (input.type === 'education') {
    const child = served[0];
    if (served.length !== 1 || !child?.birth_date || ageOn(child.birth_date, input.startsOn) >= 18) throw errors.PLAN_EDUCATION_NEEDS_CHILD({ field: 'memberIds' });
  }
  const business = input.type === 'business_setup';
  if (business && input.businessPlanAttachmentId && !(await isCaseAttachment(trx, c, input.businessPlanAttachmentId))) {
    throw errors.PLAN_BUSINESS_PLAN_NOT_FOUND({ field: 'businessPlanAttachmentId' });
  }
  const providerId = input.providerId ?? null;
  if (providerId && providerId !== before?.provider_id) await assertProviderUsable(trx, actor, providerId);
  const budgetLineId = input.budgetLineId ?? null;
  if (budgetLineId) {
    const line = await budgetLine(trx, budgetLineId);
    if (!line) throw errors.PLAN_BUDGET_LINE_NOT_FOUND({ field: 'budgetLineId' });
    if (line.projectId !== c.project_id) throw errors.PLAN_BUDGET_LINE_OTHER_PROJECT({ field: 'budgetLineId', projectId: c.project_id });
    if (!line.componentTypes.includes(input.type)) throw errors.PLAN_BUDGET_LINE_TYPE_MISMATCH({ field: 'budgetLineId', type: input.type, componentTypes: line.componentTypes });
  }
  return {
    provider_id: providerId,
    budget_line_id: budgetLineId,
    type: input.type,
    description: input.description,
    member_ids: memberIds,
    amount_minor: input.amountMinor,
    currency: input.currency,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    // Type-specific fields are kept for their type only.
    business_plan_attachment_id: business ? input.businessPlanAttachmentId ?? null : null,
    expected_monthly_income_minor: business ? input.expectedMonthlyIncomeMinor ?? null : null,
    expected_monthly_income_currency: business ? input.expectedMonthlyIncomeCurrency ?? null : null,
    employer: input.type === 'job_placement' ? input.employer ?? null : null,
  };
}

/** A change of the draft's content: the returnee must agree to the draft as it now is. */
export async function clearAgreement(trx: Tx, versionId: string) {
  await trx.updateTable('reintegration_plan_version')
    .set({ agreed_on: null, agreement_attachment_id: null, agreement_language: null, agreement_recorded_by: null, agreement_recorded_at: null })
    .where('id', '=', versionId).execute();
}

/** A component's values for the audit trail. */
export const componentAudit = (x: Pick<ComponentRow, 'provider_id' | 'budget_line_id' | 'type' | 'description' | 'member_ids' | 'amount_minor' | 'currency' | 'starts_on' | 'ends_on' | 'employer' | 'expected_monthly_income_minor' | 'expected_monthly_income_currency' | 'business_plan_attachment_id'>) => ({
  type: x.type, description: x.description, memberIds: x.member_ids, amountMinor: x.amount_minor, currency: x.currency, startsOn: x.starts_on, endsOn: x.ends_on,
  employer: x.employer, expectedMonthlyIncomeMinor: x.expected_monthly_income_minor, expectedMonthlyIncomeCurrency: x.expected_monthly_income_currency,
  businessPlanAttachmentId: x.business_plan_attachment_id, providerId: x.provider_id, budgetLineId: x.budget_line_id,
});
