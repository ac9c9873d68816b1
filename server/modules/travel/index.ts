/** Travel documents, bookings with legs, transit and escorts, movement manifests, departure. */
export { travelRoutes } from './travel.routes.js';
/** The use cases, called by the routes and by the demo data. */
export { addTravelDocument, updateTravelDocument, revealTravelDocumentNumber } from './travel-documents.js';
export { createBooking } from './create-booking.js';
export { changeBookingStatus } from './change-booking-status.js';
export { rebook } from './rebook.js';
export { updateBookingDetails } from './update-booking-details.js';
export { addTransit } from './add-transit.js';
export { updateTransit } from './update-transit.js';
export { addEscort } from './add-escort.js';
export { addArrangement } from './add-arrangement.js';
export { recordPayment } from './record-payment.js';
export { assertBookable, BOOKABLE_STAGES } from './assert-bookable.js';
export { confirmDeparture } from './departure.js';
/** The journey the returnees left on (first departure, last arrival, when it was confirmed): the arrival is checked and proposed with it. */
export { caseDeparture, dateIn, type CaseDeparture } from './departure-time.js';
/** The instant of a local wall-clock time in an IANA zone (the demo data dates its steps after the flights). */
export { localToInstant } from './local-time.js';
export { travelView } from './travel-view.js';
export { listMovements, manifestPdf } from './movements.js';
export { itineraryPdf, transitRequestPdf } from './travel-letters.js';
/** A withdrawal flags the case's open bookings for cancellation (wired to decisions' `onCaseWithdrawn` in `server/capabilities.ts`). */
export { flagBookingsOnWithdrawal } from './flag-bookings-on-withdrawal.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { travelSubjectRecords } from './subject-records.js';
/** The background sealing per person of document numbers still under the master key alone (before migration 0066). */
export { sealClearTravelDocumentNumbers } from './number-sealing.js';
