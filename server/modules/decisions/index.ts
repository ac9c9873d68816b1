/** The informed and voluntary decision per travelling member, withdrawal, and the application with its approval by a second person. */
export { decisionsRoutes } from './decisions.routes.js';
/** The gate of applications and travel bookings: travelling members without a current decision. */
export { travellersWithoutDecision } from './travellers.js';
/** Use cases (the demo data calls them like the API does). */
export { setTravelling, recordDecision, withdrawCase, submitApplication, decideApplication, decisionOverview } from './decisions.js';
/**
 * Travel bookings call `assertCanBookTravel(ex, caseId)`: 409 TRAVEL_NEEDS_DECISIONS listing the
 * travelling members without a current decision. (Submission and approval also check the
 * project's eligibility through the eligibility module.)
 */
export { assertCanBookTravel } from './decisions.js';
