/** Projects and donors, eligibility rules and entitlements as versioned data, eligibility checks. */
export { eligibilityRoutes } from './eligibility.routes.js';
