/** Audit events of the travel module. */
export const TRAVEL_EVENTS = [
  'travel.document.created',
  'travel.document.updated',
  'travel.document.number.revealed',
  'travel.booking.created',
  'travel.booking.updated',
  'travel.booking.status.changed',
  'travel.booking.rebooked',
  'travel.transit.added',
  'travel.transit.updated',
  'travel.escort.added',
  'travel.arrangement.added',
  'travel.payment.recorded',
  'travel.departure.confirmed',
  'travel.itinerary.downloaded',
  'travel.transit_request.downloaded',
  'travel.manifest.downloaded',
] as const;
