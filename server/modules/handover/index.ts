/** Handover to the origin office with consent per purpose, arrival and reception, post-arrival cases. */
export { handoverRoutes } from './handover.routes.js';
/**
 * What the returnee consented to share with the origin office (asylum history, counselling notes,
 * health information); `server/compose.ts` hands it to the cases module's `sharedWithOrigin`.
 */
export { readOriginSharing } from './consent.js';
/** Use cases the demo data calls like the API does. */
export { sendHandover } from './send-handover.js';
export { acceptHandover } from './accept-handover.js';
export { declineHandover } from './decline-handover.js';
/** Handovers waiting for the actor's answer, for its notifications. */
export { handoversAwaiting } from './handover-queues.js';
export { confirmArrival } from './confirm-arrival.js';
/** The arrival day a legacy person file gives, kept as the case's arrival (the imports module's batches). */
export { importArrivals, type ImportedArrivalChange } from './import-arrivals.js';
export { addReceptionService } from './add-reception-service.js';
export { setAdmissionDate } from './set-admission-date.js';
export { requireAdmissionDate } from './reception.repo.js';
/** The port through which the package reads the reintegration plan; `server/compose.ts` connects it. */
export { provideReintegrationPlan, type ReintegrationPlanReader, type PackagePlan } from './reintegration-plan-port.js';
/** Whether the returnee consented at handover to monitoring, for the monitoring outcome fed back to the host office. */
export { monitoringFeedbackConsented } from './monitoring-consent.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { handoverSubjectRecords } from './subject-records.js';
