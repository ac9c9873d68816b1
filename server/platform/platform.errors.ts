import { defineErrors } from './errors.js';

/** The codes the platform answers with (sign-in gate, validation, versions, uploads), and those every module shares. */
export const platformErrors = defineErrors('platform', {
  ATTACHMENT_MISSING: { status: 400, message: 'No file was sent.' },
  ATTACHMENT_MULTIPART_REQUIRED: { status: 415, message: 'Send the file as multipart/form-data.' },
  AUTH_REQUIRED: { status: 401, message: 'Sign in first.' },
  AUTH_TOTP_ENROLMENT_REQUIRED: { status: 403, message: 'Your role requires two-step sign-in. Set it up first.' },
  CSRF_TOKEN_INVALID: { status: 403, message: 'The request is missing its CSRF token. Reload the page.' },
  FORBIDDEN: { status: 403, message: 'You do not have the permission for this action.' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, message: 'The Idempotency-Key header is not valid.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'This Idempotency-Key was already used for a different request. Send a new key with each new request.' },
  OFFICE_NOT_FOUND: { status: 400, message: 'The office does not exist.' },
  PERSON_ERASED: { status: 409, message: 'This person was erased: nothing more can be recorded or corrected about them.' },
  PRECONDITION_FAILED: { status: 412, message: 'The record has changed since you read it. Reload and try again.' },
  PRECONDITION_REQUIRED: { status: 428, message: 'Send If-Match with the ETag you last read.' },
  UPLOAD_INVALID: { status: 400, message: 'The upload is not well-formed multipart/form-data (missing boundary or cut off). Send the file again.' },
  VALIDATION_FAILED: { status: 400, message: 'Unknown country of return.' },
});
