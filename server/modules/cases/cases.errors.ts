import { defineErrors } from '../../platform/errors.js';

/** The codes the cases module answers with, each with its one HTTP status. */
export const errors = defineErrors('cases', {
  ADMISSION_DATE_REQUIRED: { status: 409, message: 'Record the date the person was admitted into the country before any assistance.' },
  ADMISSION_DATE_NOT_APPLICABLE: { status: 400, message: 'The admission date is recorded for people returned by a government.' },
  ATTACHMENT_EMPTY: { status: 400, message: 'The file is empty.' },
  ATTACHMENT_NOT_FOUND: { status: 404, message: 'The attachment was not found.' },
  ATTACHMENT_TYPE_NOT_ALLOWED: { status: 415, message: 'This kind of file cannot be attached. Use PDF, an image (JPEG, PNG, WebP, HEIC, TIFF), an office document or plain text.' },
  CASE_BEFORE_ADMISSION: { status: 409, message: 'Assistance cannot start before the person was admitted into the country.' },
  CASE_EXPORT_EXPIRED: { status: 410, message: 'This export has expired and its file was deleted. Export the list again.' },
  CASE_EXPORT_NOT_FOUND: { status: 404, message: 'The export was not found.' },
  CASE_EXPORT_NOT_READY: { status: 409, message: 'The export is not ready yet, or it failed.' },
  CASE_EXPORT_PERMISSION_LOST: { status: 403, message: 'The export stopped: you may no longer read cases.' },
  CASE_EXPORT_TOO_MANY: { status: 429, message: 'Several exports are already being prepared for you. Wait until they are ready.' },
  CASE_KIND_OFFICE_MISMATCH: { status: 400, message: 'Post-arrival cases are registered by an office in the country of return.' },
  CASE_LIST_CURSOR_INVALID: { status: 400, message: 'This position in the list is not valid for this search (it was made for another sort or filter, or altered). Start again from the first page.' },
  CASE_NOT_FOUND: { status: 404, message: 'The case was not found.' },
  CASE_OFFICE_REQUIRED: { status: 400, message: 'Choose the office the case belongs to.' },
  CASE_OWNER_INVALID: { status: 400, message: 'The owner must be an active user of the case’s office.' },
  CASE_STAGE_GUARD_FAILED: { status: 409, message: 'The stage before the suspension is unknown.' },
  CASE_STAGE_TRANSITION_INVALID: { status: 409, message: 'The case cannot make this stage move.' },
  CASE_TRANSITION_NEEDS_ACTION: { status: 409, message: 'This move is made by its action, not as a plain stage change.' },
  CASE_TRANSITION_REASON_REQUIRED: { status: 400, message: 'Give a reason for this move.' },
  PERSON_NOT_FOUND: { status: 404, message: 'The household member was not found.' },
  SAVED_FILTER_NAME_TAKEN: { status: 409, message: 'You already have a saved filter with this name.' },
  SAVED_FILTER_NOT_FOUND: { status: 404, message: 'The saved filter was not found.' },
});
