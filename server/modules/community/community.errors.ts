import { defineErrors } from '../../platform/errors.js';

/** The codes the community module answers with, each with its one HTTP status. */
export const errors = defineErrors('community', {
  COMMUNITY_PROJECT_NOT_FOUND: { status: 404, message: 'The community project was not found.' },
  COMMUNITY_OFFICE_REQUIRED: { status: 400, message: 'Choose the office that runs it.' },
  COMMUNITY_AVRR_PROJECT_NOT_FOUND: { status: 400, message: 'The project does not exist.' },
  COMMUNITY_STATUS_TRANSITION: { status: 409, message: 'The community project cannot move to this status from its current one.' },
  COMMUNITY_CANCEL_REASON_REQUIRED: { status: 400, message: 'Give the reason for cancelling the community project.' },
  COMMUNITY_RETURNEE_ALREADY_LINKED: { status: 409, message: 'This case is already linked to the community project.' },
  COMMUNITY_RETURNEE_NOT_LINKED: { status: 404, message: 'This case is not linked to the community project.' },
  TRAINING_NOT_FOUND: { status: 404, message: 'The group training was not found.' },
  TRAINING_SESSION_NOT_FOUND: { status: 404, message: 'The session was not found in this training.' },
  TRAINING_PERSON_NOT_IN_CASE: { status: 400, message: 'The person is not a member of this case.' },
  TRAINING_ALREADY_ENROLLED: { status: 409, message: 'This person is already enrolled in the training.' },
  TRAINING_NOT_ENROLLED: { status: 409, message: 'This person is not enrolled in the training.' },
});
