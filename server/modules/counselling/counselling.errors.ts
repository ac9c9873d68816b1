import { defineErrors } from '../../platform/errors.js';

/** The codes the counselling module answers with, each with its one HTTP status. */
export const errors = defineErrors('counselling', {
  COI_ENTRY_NOT_FOUND: { status: 404, message: 'The country information entry was not found.' },
  COI_VERSION_NOT_FOUND: { status: 404, message: 'The version was not found.' },
  COUNSELLING_SESSION_NOT_FOUND: { status: 404, message: 'The counselling session was not found.' },
  COUNSELLOR_NOT_IN_OFFICE: { status: 422, message: 'The counsellor must be a user of the case’s office who may counsel.' },
  PARTICIPANT_NOT_MEMBER: { status: 422, message: 'Participants must be members of the household.' },
  SESSION_ALREADY_HELD: { status: 409, message: 'A session that was held cannot be cancelled or scheduled again.' },
  SESSION_CANCELLED: { status: 409, message: 'A cancelled session cannot be changed; schedule a new one.' },
  SESSION_HELD_IN_FUTURE: { status: 422, message: 'A session cannot have been held in the future.' },
});
