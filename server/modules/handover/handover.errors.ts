import { defineErrors } from '../../platform/errors.js';

/** The codes the handover module answers with, each with its one HTTP status. */
export const errors = defineErrors('handover', {
  ARRIVAL_BEFORE_DEPARTURE: { status: 409, message: 'The arrival cannot be dated before the departure (the day the first flight left, local date at the place of arrival).' },
  ARRIVAL_STAGE_INVALID: { status: 409, message: 'Only a departed case can arrive.' },
  CONSENT_NOT_FOUND: { status: 404, message: 'No current consent with this id on the case.' },
  HANDOVER_ALREADY_OPEN: { status: 409, message: 'The case already has a pending or accepted handover.' },
  HANDOVER_DECLINE_REASON_REQUIRED: { status: 400, message: 'Give the reason for declining.' },
  HANDOVER_NOT_ACCEPTED: { status: 409, message: 'The arrival is confirmed once the origin office has accepted the handover.' },
  HANDOVER_NOT_APPLICABLE: { status: 409, message: 'A post-arrival case is already with the office in the country of return.' },
  HANDOVER_NOT_FOUND: { status: 404, message: 'The handover was not found.' },
  HANDOVER_NOT_PENDING: { status: 409, message: 'This handover has already been answered.' },
  HANDOVER_NOT_SHARED: { status: 404, message: 'A declined handover is no longer shared with your office.' },
  HANDOVER_OFFICE_INVALID: { status: 400, message: 'A case is handed over to an office in the country of return.' },
  HANDOVER_RECEIVER_INVALID: { status: 400, message: 'Choose an active officer of the receiving office who receives handovers.' },
  HANDOVER_RECEIVER_REQUIRED: { status: 400, message: 'This case is restricted: name the officer of the receiving office who takes it over.' },
  HANDOVER_STAGE_INVALID: { status: 409, message: 'A case is handed over once approved: during travel preparation or after departure.' },
  RECEPTION_COST_INVALID: { status: 400, message: 'A cost needs its currency, and a currency its cost.' },
  RECEPTION_SERVICE_NOT_FOUND: { status: 404, message: 'The reception service does not exist on this case.' },
});
