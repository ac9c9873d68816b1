/** The informed and voluntary decision per travelling member, withdrawal, and the application with its approval by a second person. */
export { decisionsRoutes } from './decisions.routes.js';
/** The gate of applications and travel bookings: travelling members without a current decision. */
export { travellersWithoutDecision } from './travellers.js';
/** Use cases (the demo data calls them like the API does). */
export { setTravelling } from './set-travelling.js';
export { recordDecision } from './record-decision.js';
export { withdrawCase } from './withdraw-case.js';
export { submitApplication } from './submit-application.js';
export { decideApplication } from './decide-application.js';
/** Applications waiting for the actor's approval, for its notifications. */
export { applicationsAwaiting } from './applications-awaiting.js';
export { decisionOverview } from './decision-overview.js';
/**
 * What other capabilities do when a case is withdrawn, in the withdrawal's transaction; the
 * composition registers them (travel flags open bookings), so that decisions imports no module
 * downstream of it.
 */
export { onCaseWithdrawn, type WithdrawalEffect } from './withdraw-case.js';
/**
 * Travel bookings call `assertCanBookTravel(ex, caseId)`: 409 TRAVEL_NEEDS_DECISIONS listing the
 * travelling members without a current decision. (Submission and approval also check the
 * project's eligibility through the eligibility module.)
 */
export { assertCanBookTravel } from './application-gates.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { decisionsSubjectRecords } from './subject-records.js';
