import { defineErrors } from '../../platform/errors.js';

/** The codes the privacy module answers with, each with its one HTTP status. */
export const errors = defineErrors('privacy', {
  ACCESS_REQUEST_REFERENCE_TOO_SHORT: { status: 400, message: 'Give the request\'s reference or reason, at least 10 characters.' },
  ACCESS_REQUEST_NOT_FOUND: { status: 404, message: 'The access request was not found.' },
  ACCESS_REQUEST_NOT_READY: { status: 409, message: 'The access request is not ready yet: wait until it is done.' },
  ACCESS_REQUEST_EXPIRED: { status: 410, message: 'The access request\'s files were removed after their retention period. Start it again.' },
});
