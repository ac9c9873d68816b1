import { defineErrors } from '../../platform/errors.js';

/** The codes the travel module answers with, each with its one HTTP status. */
export const errors = defineErrors('travel', {
  TRAVEL_BOOKING_CLOSED: { status: 409, message: 'This booking is closed.' },
  TRAVEL_BOOKING_NEEDS_ACTION: { status: 409, message: 'A no-show is recorded with the departure confirmation.' },
  TRAVEL_BOOKING_NOT_FOUND: { status: 404, message: 'The booking was not found.' },
  TRAVEL_BOOKING_REFERENCE_REQUIRED: { status: 400, message: 'A booked journey needs its booking reference.' },
  TRAVEL_BOOKING_STATUS_INVALID: { status: 409, message: 'The booking cannot move to this status.' },
  TRAVEL_CASE_STAGE: { status: 409, message: 'Travel can be booked once the application is approved.' },
  TRAVEL_DEPARTURE_ALREADY_CONFIRMED: { status: 409, message: 'The departure of this member is already confirmed.' },
  TRAVEL_DEPARTURE_NOT_TICKETED: { status: 409, message: 'Departure is confirmed on a ticketed booking.' },
  TRAVEL_DOCUMENT_NOT_FOUND: { status: 404, message: 'The travel document was not found.' },
  TRAVEL_DOCUMENT_NO_NUMBER: { status: 409, message: 'This document has no number yet.' },
  TRAVEL_DOCUMENT_NUMBER_REQUIRED: { status: 400, message: 'An issued document needs its number.' },
  TRAVEL_ESCORT_LEG_UNKNOWN: { status: 400, message: 'The escort must travel on legs of this booking.' },
  TRAVEL_LEGS_NOT_CONNECTED: { status: 400, message: 'Each leg must leave from where the previous one arrived.' },
  TRAVEL_LEG_TIMES: { status: 400, message: 'A leg must arrive after it departs (local times in their time zones).' },
  TRAVEL_MANIFEST_EMPTY: { status: 404, message: 'No open booking is on this flight.' },
  TRAVEL_MEMBER_ALREADY_BOOKED: { status: 409, message: 'A member is already on another open booking: cancel or rebook it.' },
  TRAVEL_MEMBER_NOT_ON_BOOKING: { status: 400, message: 'This person is not on the booking.' },
  TRAVEL_MEMBER_NOT_TRAVELLING: { status: 400, message: 'Only travelling members of the household can be booked.' },
  TRAVEL_NO_TRAVELLERS: { status: 409, message: 'Nobody in this household travels.' },
  TRAVEL_PERSON_NOT_MEMBER: { status: 400, message: 'This person is not a member of the household.' },
  TRAVEL_TRANSIT_EXISTS: { status: 409, message: 'This transit point is already on the booking.' },
  TRAVEL_TRANSIT_NOT_FOUND: { status: 404, message: 'The transit point was not found.' },
});
