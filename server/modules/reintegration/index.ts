/** The reintegration plan: versions drafted with the returnee, agreed, approved by a second person, delivered. */
export { reintegrationRoutes } from './reintegration.routes.js';
/** Use cases the demo data calls like the API does. */
export { addComponent } from './add-component.js';
export { updateComponent } from './update-component.js';
export { removeComponent } from './remove-component.js';
export { recordAgreement } from './record-agreement.js';
export { approvePlan } from './approve-plan.js';
export { proposePlanChange } from './propose-change.js';
export { setComponentStatus } from './set-component-status.js';
export { planOverview } from './plan-overview.js';
/** The current version of the plan as the handover package shows it; `server/compose.ts` hands it to the handover module. */
export { planForHandover, type HandoverPlan } from './plan-for-handover.js';
/** The approved plan's components, which the payments module pays in tranches. */
export { approvedComponents, type ApprovedComponent } from './approved-components.js';
/** Port: the payments module's check before a component is delivered; `server/compose.ts` connects it. */
export { provideDeliveryCheck, type DeliveryCheck } from './delivery-check.js';
/** The money check of the draft against the confirmed entitlement on a day (the demo data decides its overrides with it). */
export { draftCheck } from './plan-money.js';
/** Hook: what other capabilities do when the plan moves a case into reintegration or monitoring; `server/compose.ts` connects it. */
export { onPlanStageMove, type PlanStageEffect } from './stage-hooks.js';
/** A legacy import's reintegration components (a file of their own, linked to imported cases), written set-based in the import's batch. */
export { importComponentRows } from './import-components.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { reintegrationSubjectRecords } from './subject-records.js';
