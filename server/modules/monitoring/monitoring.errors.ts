import { defineErrors } from '../../platform/errors.js';

/** The codes the monitoring module answers with, each with its one HTTP status. */
export const errors = defineErrors('monitoring', {
  INSTRUMENT_NOT_FOUND: { status: 404, message: 'The survey instrument was not found.' },
  INSTRUMENT_VERSION_NOT_FOUND: { status: 404, message: 'The instrument version was not found.' },
  INSTRUMENT_DRAFT_EXISTS: { status: 409, message: 'This instrument already has a draft version: edit it.' },
  INSTRUMENT_VERSION_PUBLISHED: { status: 409, message: 'A published version never changes: create a new draft.' },
  INSTRUMENT_NOTHING_TO_COPY: { status: 409, message: 'The instrument has no version to copy: send a definition.' },
  MONITORING_VISIT_NOT_FOUND: { status: 404, message: 'The monitoring visit was not found.' },
  MONITORING_VISIT_RECORDED: { status: 409, message: 'This visit is already recorded.' },
  MONITORING_STAGE_INVALID: { status: 409, message: 'Monitoring starts when the case is in reintegration or monitoring.' },
  MONITORING_COMPONENT_UNKNOWN: { status: 400, message: 'A component named is not in the approved reintegration plan.' },
  MONITORING_VERSION_NOT_PUBLISHED: { status: 409, message: 'Answers are scored only under a published instrument version.' },
  MONITORING_VERSION_NOT_NEWER: { status: 409, message: 'A visit is re-scored only under a newer version than the one its answers were given in.' },
  MONITORING_PROJECT_NOT_FOUND: { status: 404, message: 'The project was not found.' },
  MONITORING_VERSION_OTHER_INSTRUMENT: { status: 409, message: 'Visits are re-scored only under a version of the same instrument.' },
  MONITORING_VISITS_OPEN: { status: 409, message: 'The case is closed only after its last scheduled visit is recorded.' },
  MONITORING_ANSWER_INVALID: { status: 400, message: 'An answer does not fit the instrument’s questions.' },
  MONITORING_FOLLOW_UP_NOT_FOUND: { status: 404, message: 'The follow-up was not found.' },
  MONITORING_FOLLOW_UP_DONE: { status: 409, message: 'This follow-up is already done.' },
  MONITORING_FOLLOW_UP_NOT_YOURS: { status: 403, message: 'Only the follow-up’s owner or a manager of the case’s office changes it.' },
  MONITORING_OWNER_INVALID: { status: 400, message: 'A follow-up is given only to an active officer of the case’s office who records visits.' },
  MONITORING_REFERRAL_INCOMPLETE: { status: 400, message: 'A referral is done with the provider referred to or the protection measure taken.' },
  MONITORING_ARRIVAL_STAGE_INVALID: { status: 409, message: 'The arrival assessment is recorded once the returnee has arrived.' },
  MONITORING_ARRIVAL_ASSESSMENT_EXISTS: { status: 409, message: 'The case already has an arrival assessment: replace it with a reason.' },
  MONITORING_ARRIVAL_ASSESSMENT_NOT_FOUND: { status: 404, message: 'The case has no arrival assessment.' },
});
