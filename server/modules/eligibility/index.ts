/** Projects and donors, eligibility rules and entitlements as versioned data, eligibility checks. */
export { eligibilityRoutes } from './eligibility.routes.js';
/**
 * The latest eligibility check of a case: 'none', 'unconfirmed', 'outdated' (the facts changed) or
 * 'confirmed', with the final outcome and, when eligible, the entitlement (EntitlementResult).
 */
export { eligibilityStatus } from './checks.repo.js';
/** Use cases the demo data calls like the API does. */
export { assignProject } from './assign-project.js';
export { setHostArrivalDate } from './set-host-arrival-date.js';
export { runCheck } from './run-check.js';
export { confirmCheck } from './confirm-check.js';
export { caseEligibility } from './case-eligibility.js';
export { createProject } from './create-project.js';
export { createDraft } from './create-rules-draft.js';
export { publishRules } from './publish-rules.js';
export { evaluate, factsHash, type CaseFacts } from './rule-engine.js';
/** A project with its donors, or null (the finance module's budget lines belong to projects). */
export { loadProject } from './projects.repo.js';
/** The statistics' project and donor filters: the projects a donor funds, and the choices a reader has. */
export { projectsOfDonorSql, projectChoices } from './projects.repo.js';
/** The confirmed entitlement in amounts per component (the reintegration plan's approval checks against it). */
export { confirmedEntitlement, type ConfirmedEntitlement } from './confirmed-entitlement.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { eligibilitySubjectRecords } from './subject-records.js';
