/** The informed and voluntary decision per travelling member, withdrawal, and the application with its approval by a second person. */
export { decisionsRoutes } from './decisions.routes.js';
/** The gate of applications and travel bookings: travelling members without a current decision. */
export { travellersWithoutDecision } from './travellers.js';
