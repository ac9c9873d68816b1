import { defineErrors } from '../../platform/errors.js';

/** The codes the monitoring module answers with, each with its one HTTP status. */
export const errors = defineErrors('monitoring', {
  INSTRUMENT_NOT_FOUND: { status: 404, message: 'The survey instrument was not found.' },
  INSTRUMENT_VERSION_NOT_FOUND: { status: 404, message: 'The instrument version was not found.' },
  INSTRUMENT_DRAFT_EXISTS: { status: 409, message: 'This instrument already has a draft version: edit it.' },
  INSTRUMENT_VERSION_PUBLISHED: { status: 409, message: 'A published version never changes: create a new draft.' },
  INSTRUMENT_NOTHING_TO_COPY: { status: 409, message: 'The instrument has no version to copy: send a definition.' },
  MONITORING_ANSWER_INVALID: { status: 400, message: 'An answer does not fit the instrument’s questions.' },
});
