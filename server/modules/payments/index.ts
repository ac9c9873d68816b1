/** Payments of reintegration assistance: tranches and their conditions, disbursements, receipts, reversals, places unsafe to revisit. */
export { paymentsRoutes } from './payments.routes.js';
/** The check before a component is delivered; `server/compose.ts` hands it to the reintegration module. */
export { assertReceiptsComplete } from './receipts.js';
/** The hook that meets "training attended" conditions when a completion is set; `server/compose.ts` hands it to the community module. */
export { meetTrainingConditions } from './training-conditions.js';
/** Use cases the demo data may call like the API does. */
export { setSchedule } from './set-schedule.js';
export { meetCondition } from './meet-condition.js';
export { releaseTranche } from './release-tranche.js';
export { recordDisbursementUseCase } from './record-disbursement.js';
export { caseCost } from './case-cost.js';
export { errors as paymentErrors } from './payments.errors.js';
export { approveDisbursement } from './approve-disbursement.js';
export { addReceipt } from './add-receipt.js';
export { waiveReceipt } from './waive-receipt.js';
export { reverseDisbursementUseCase } from './reverse-disbursement.js';
export { setThreshold } from './set-threshold.js';
export { setUnsafeArea } from './set-unsafe-area.js';
/** A community project's spending through the same money rules. */
export { recordCommunityDisbursement } from './record-community-disbursement.js';
export { decideCommunityDisbursement } from './decide-community-disbursement.js';
export { reverseCommunityDisbursement } from './reverse-community-disbursement.js';
export { addCommunityReceipt } from './community-receipt.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { paymentsSubjectRecords } from './subject-records.js';
