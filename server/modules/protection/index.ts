/** Vulnerability screening, special measures, health and fit-to-travel records, restricted cases. */
export { protectionRoutes } from './protection.routes.js';
/** Screens a member (creates the category's measures, sets the case's restriction) and edits screenings. */
export { recordVulnerability } from './record-vulnerability.js';
export { updateVulnerability } from './update-vulnerability.js';
export { protectionView } from './protection-view.js';
/** Special measures: add by hand, edit, and the actor's open tasks across cases. */
export { addMeasure } from './add-measure.js';
export { updateMeasure } from './update-measure.js';
export { myTasks } from './my-tasks.js';
/** Open measures assigned to the actor, for its notifications. */
export { tasksAssigned } from './tasks-assigned.js';
/** The sensitive health and fit-to-travel record of a member (case.health). */
export { saveHealthRecord } from './save-health-record.js';
/** Which attachments of a case are medical certificates; `server/compose.ts` hands it to the cases module. */
export { medicalCertificateIds } from './health.repo.js';
/** Staff assigned to a case (they see it when it is restricted). */
export { assignStaff } from './assign-staff.js';
export { unassignStaff } from './unassign-staff.js';
export { listAssignments } from './list-assignments.js';
/** A legacy import's vulnerabilities (a column of the person file, or a file of their own), written set-based in the import's batch. */
export { importHouseholdVulnerabilities, importVulnerabilityRows, sameSealedDetails } from './import-vulnerabilities.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { protectionSubjectRecords } from './subject-records.js';
/** The background sealing of values stored in clear before migration 0063 (`server/jobs.ts`). */
export { sealClearHealthRecords } from './health-sealing.js';
export { sealClearVulnerabilityDetails } from './vulnerability-sealing.js';
/** The background sealing of measure notes stored in clear before migration 0066. */
export { sealClearMeasureNotes } from './measure-sealing.js';
