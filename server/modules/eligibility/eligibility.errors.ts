import { defineErrors } from '../../platform/errors.js';

/** The codes the eligibility module answers with, each with its one HTTP status. */
export const errors = defineErrors('eligibility', {
  ELIGIBILITY_CHECK_CONFIRMED: { status: 409, message: 'This check is already confirmed.' },
  ELIGIBILITY_CHECK_NOT_FOUND: { status: 404, message: 'The eligibility check was not found.' },
  ELIGIBILITY_CHECK_OUTDATED: { status: 409, message: 'The case’s facts changed since this check: run a new check.' },
  ELIGIBILITY_CHECK_SUPERSEDED: { status: 409, message: 'A newer check exists: confirm that one.' },
  ELIGIBILITY_NO_PROJECT: { status: 409, message: 'Assign the case to a project first.' },
  ELIGIBILITY_NO_RULES: { status: 409, message: 'The project has no published rules yet.' },
  ELIGIBILITY_OVERRIDE_REASON_REQUIRED: { status: 400, message: 'Give the reason for a decision other than the computed one.' },
  PROJECT_CODE_TAKEN: { status: 409, message: 'Another project has this code.' },
  PROJECT_DONOR_DUPLICATE: { status: 400, message: 'A donor is listed twice.' },
  PROJECT_DONOR_SHARES_EXCEED: { status: 400, message: 'The donors’ shares add up to more than 100%.' },
  PROJECT_HOST_COUNTRY_NOT_COVERED: { status: 409, message: 'The project does not cover the country of the case’s office.' },
  PROJECT_NOT_ACTIVE: { status: 409, message: 'Cases can only be assigned to an active project.' },
  PROJECT_NOT_FOUND: { status: 404, message: 'The project was not found.' },
  PROJECT_PERIOD_INVALID: { status: 400, message: 'The project ends before it starts.' },
  PROJECT_RETURN_COUNTRY_NOT_COVERED: { status: 409, message: 'The project does not cover the case’s country of return.' },
  RULES_COMPONENT_DUPLICATE: { status: 400, message: 'A component is listed twice.' },
  RULES_DRAFT_EXISTS: { status: 409, message: 'This project already has a draft version: edit it.' },
  RULES_NOT_FOUND: { status: 404, message: 'The rules version was not found.' },
  RULES_OVERRIDE_DUPLICATE: { status: 400, message: 'A country has two overrides.' },
  RULES_PUBLISHED_IMMUTABLE: { status: 409, message: 'A published version cannot change: create a new draft.' },
  RULES_RANGE_INVALID: { status: 400, message: 'The minimum age is above the maximum age.' },
});
