import { defineErrors } from '../../platform/errors.js';

/** The codes the protection module answers with, each with its one HTTP status. */
export const errors = defineErrors('protection', {
  ASSIGNMENT_NOT_FOUND: { status: 404, message: 'The assignment was not found.' },
  CASE_STAFF_INVALID: { status: 400, message: 'Choose an active user of one of the case’s offices.' },
  MEASURE_NOT_FOUND: { status: 404, message: 'The measure was not found.' },
  VULNERABILITY_EXISTS: { status: 409, message: 'This member is already screened in this category; update that record instead.' },
  VULNERABILITY_NOT_FOUND: { status: 404, message: 'The vulnerability was not found.' },
});
