import { errors } from './cases.errors.js';

/** The codes of restriction of processing, legal hold and erasure of a person: in the cases module's one list. */
export const personProtectionErrors = errors;
