/** Handover to the origin office with consent per purpose, arrival and reception, post-arrival cases. */
export { handoverRoutes } from './handover.routes.js';
/**
 * What the returnee consented to share with the origin office (asylum history, counselling notes,
 * health information); `server/compose.ts` hands it to the cases module's `sharedWithOrigin`.
 */
export { readOriginSharing } from './consent.js';
/** Use cases the demo data calls like the API does. */
export { sendHandover, acceptHandover, declineHandover } from './handovers.js';
export { confirmArrival, addReceptionService, setAdmissionDate, requireAdmissionDate } from './arrival.js';
