import { defineErrors } from '../../platform/errors.js';

/** The codes the reintegration module answers with, each with its one HTTP status. */
export const errors = defineErrors('reintegration', {
  PLAN_STAGE_INVALID: { status: 409, message: 'The reintegration plan cannot be changed at this stage of the case.' },
  PLAN_NOT_OWNER: { status: 403, message: 'The plan is edited by the office responsible for the case: the host office until the handover is accepted, the origin office after.' },
  PLAN_NO_DRAFT: { status: 409, message: 'The plan has no draft to change: propose a change of the approved plan first.' },
  PLAN_DRAFT_EXISTS: { status: 409, message: 'A change of the plan is already being drafted: edit that draft.' },
  PLAN_NOT_APPROVED: { status: 409, message: 'The plan has no approved version to change yet.' },
  PLAN_EMPTY: { status: 409, message: 'Add at least one component to the plan first.' },
  PLAN_AGREEMENT_REQUIRED: { status: 409, message: 'Record the returnee’s agreement to this version of the plan before it is approved.' },
  PLAN_AGREEMENT_ATTACHMENT_NOT_FOUND: { status: 400, message: 'Attach the signed plan to this case first, then choose it.' },
  PLAN_AGREEMENT_DATE_IN_FUTURE: { status: 400, message: 'The date of the agreement cannot be in the future.' },
  PLAN_SELF_APPROVAL: { status: 403, message: 'You drafted this version of the plan: another person must approve it.' },
  PLAN_APPROVAL_STAGE_INVALID: { status: 409, message: 'A plan is approved once the returnee has arrived (stage arrived, reintegration or monitoring).' },
  PLAN_COMPONENT_NOT_FOUND: { status: 404, message: 'This component is not part of the plan.' },
  PLAN_MEMBER_NOT_IN_CASE: { status: 400, message: 'A component serves members of the household only.' },
  PLAN_EDUCATION_NEEDS_CHILD: { status: 400, message: 'An education component serves one child of the household, under 18.' },
  PLAN_BUSINESS_PLAN_NOT_FOUND: { status: 400, message: 'Attach the business plan to this case first, then choose it.' },
  PLAN_COMPONENT_NOT_PLANNED: { status: 409, message: 'This component has started or ended: it cannot be removed, cancel it instead.' },
  PLAN_COMPONENT_STATUS_INVALID: { status: 409, message: 'This delivery status cannot follow the component’s current one.' },
  PLAN_BUDGET_LINE_NOT_FOUND: { status: 400, message: 'The budget line was not found: choose one of the project’s budget lines.' },
  PLAN_BUDGET_LINE_OTHER_PROJECT: { status: 409, message: 'This budget line belongs to another project than the case’s: choose a line of the case’s project.' },
  PLAN_BUDGET_LINE_TYPE_MISMATCH: { status: 409, message: 'This budget line does not fund this kind of component: choose a line that lists it.' },
  PLAN_OVER_ENTITLEMENT: { status: 409, message: 'The plan is over the returnee’s confirmed entitlement: reduce it, or a supervisor approves it with a reason.' },
  PLAN_NO_ENTITLEMENT: { status: 409, message: 'The case has no confirmed entitlement: confirm the eligibility check, or a supervisor approves the plan with a reason.' },
  PLAN_OVERRIDE_FORBIDDEN: { status: 403, message: 'Only a supervisor allowed to override may approve a plan past the entitlement.' },
  PLAN_CANCEL_REASON_REQUIRED: { status: 400, message: 'Give the reason the component is cancelled.' },
});
