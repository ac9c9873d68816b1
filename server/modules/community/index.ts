/** Community projects and group trainings run by origin offices for returnees and their communities. */
export { communityRoutes } from './community.routes.js';
/**
 * Per person of a case enrolled in a training: sessions attended out of all and the completion
 * staff set (tranche conditions, "training attended", will read it through a port).
 */
export { trainingAttendance } from './training.repo.js';
/** The hook by which another module reacts, in the same transaction, to a person's completion of a training. */
export { onTrainingCompleted, setCompletion, recordAttendance, type CompletionEffect } from './record-attendance.js';
export { enrol } from './enrol.js';
export { addSession } from './training-sessions.js';
export { linkReturnee } from './link-returnee.js';
/** A community project's office, currency, budget and partners, for the payments of its spending. */
export { communityProjectForPayments } from './community.repo.js';
export { createCommunityProject } from './create-community-project.js';
export { createTraining } from './create-training.js';
export { errors as communityErrors } from './community.errors.js';
/** The programme statistics' read: community projects per status with their beneficiaries and linked returnees (counts only; the caller's scope). */
export { communityStatusTotals, COMMUNITY_FIGURE_COLUMNS, type CommunityStatusTotals } from './community-figures.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { communitySubjectRecords } from './subject-records.js';
