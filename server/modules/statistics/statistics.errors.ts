import { defineErrors } from '../../platform/errors.js';

/** The codes the statistics module answers with, each with its one HTTP status. */
export const errors = defineErrors('statistics', {
  STAT_REPORT_NOT_FOUND: { status: 404, message: 'The report was not found.' },
  STAT_REPORT_NOT_READY: { status: 409, message: 'The report is not ready yet: wait until it is done.' },
  STAT_REPORT_EXPIRED: { status: 410, message: 'The report has expired and was removed. Generate it again.' },
  STAT_REPORT_YEARS_INVALID: { status: 400, message: 'Give one year, or a first year no later than the last one, at most 50 years apart.' },
  STAT_REPORT_PERMISSION_LOST: { status: 403, message: 'The report was not made: its requester no longer holds the statistics permission.' },
});
