import { defineErrors } from '../../platform/errors.js';

/** The codes the finance module answers with, each with its one HTTP status. */
export const errors = defineErrors('finance', {
  EXCHANGE_RATE_MISSING: { status: 409, message: 'No exchange rate is in force for these currencies on that day, directly or through USD.' },
  EXCHANGE_RATE_REASON_REQUIRED: { status: 409, message: 'A rate for these currencies already applies from that day: give the reason for the correction.' },
  EXCHANGE_RATE_IMPORT_INVALID: { status: 422, message: 'The file was not imported: correct the rows listed and import it again.' },
  BUDGET_PROJECT_NOT_FOUND: { status: 404, message: 'The project was not found.' },
  BUDGET_LINE_NOT_FOUND: { status: 404, message: 'The budget line was not found.' },
  BUDGET_LINE_CODE_TAKEN: { status: 409, message: 'Another budget line of this project has this code.' },
  BUDGET_LINE_DONOR_UNKNOWN: { status: 400, message: 'The donor is not one of the project’s donors.' },
  BUDGET_LINE_BELOW_USED: { status: 409, message: 'The budget cannot be less than what is already committed or disbursed on this line.' },
  BUDGET_LINE_CURRENCY_LOCKED: { status: 409, message: 'The currency of a budget line with entries cannot change.' },
  BUDGET_CURRENCY_MISMATCH: { status: 400, message: 'Convert the amount to the budget line’s currency first.' },
  BUDGET_OVERCOMMITTED: { status: 409, message: 'The commitment is more than what remains on the budget line.' },
  BUDGET_OVERRIDE_FORBIDDEN: { status: 403, message: 'Only finance staff allowed to override may commit past the remaining budget.' },
  BUDGET_RELEASE_EXCEEDS_COMMITTED: { status: 409, message: 'More would be released or reversed than was committed or disbursed.' },
});
