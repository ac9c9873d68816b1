import { defineErrors } from '../../platform/errors.js';

/** The codes of restriction of processing, legal hold and erasure of a person (cases module). */
export const personProtectionErrors = defineErrors('cases', {
  PERSON_DECISION_REASON_TOO_SHORT: { status: 400, message: 'State the reason in at least 20 characters.' },
  PERSON_LEGAL_HOLD_EXISTS: { status: 409, message: 'A legal hold is already on this person.' },
  PERSON_LEGAL_HOLD_NONE: { status: 409, message: 'No legal hold is on this person.' },
  PERSON_RESTRICTION_EXISTS: { status: 409, message: 'The processing of this person’s data is already restricted.' },
  PERSON_RESTRICTION_NONE: { status: 409, message: 'The processing of this person’s data is not restricted.' },
  PERSON_ERASED: { status: 409, message: 'This person was erased.' },
  ERASURE_BLOCKED_LEGAL_HOLD: { status: 409, message: 'A legal hold is on this person: lift it before erasing them.' },
  ERASURE_BLOCKED_OPEN_PAYMENT: { status: 409, message: 'A reintegration payment of this person’s case is still open (planned or awaiting approval, not paid or cancelled).' },
  ERASURE_BLOCKED_ACTIVE_CASE: { status: 409, message: 'A case of this person is still active: it must be closed before the person is erased.' },
});
