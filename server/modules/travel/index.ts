/** Travel documents, bookings with legs, transit and escorts, movement manifests, departure. */
export { travelRoutes } from './travel.routes.js';
/** The use cases, called by the routes and by the demo data. */
export { addTravelDocument, updateTravelDocument, revealTravelDocumentNumber } from './travel-documents.js';
export {
  createBooking, changeBookingStatus, rebook, updateBookingDetails, addTransit, updateTransit, addEscort, addArrangement, recordPayment,
  assertBookable, BOOKABLE_STAGES,
} from './bookings.js';
export { confirmDeparture } from './departure.js';
export { travelView } from './travel-view.js';
export { listMovements, manifestPdf } from './movements.js';
export { itineraryPdf, transitRequestPdf } from './travel-letters.js';
/** A withdrawal flags the case's open bookings for cancellation (wired to decisions' `onCaseWithdrawn` in `server/capabilities.ts`). */
export { flagBookingsOnWithdrawal } from './flag-bookings-on-withdrawal.js';
