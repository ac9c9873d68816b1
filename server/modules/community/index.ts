/** Community projects and group trainings run by origin offices for returnees and their communities. */
export { communityRoutes } from './community.routes.js';
/**
 * Per person of a case enrolled in a training: sessions attended out of all and the completion
 * staff set (tranche conditions, "training attended", will read it through a port).
 */
export { trainingAttendance } from './training.repo.js';
export { createCommunityProject } from './create-community-project.js';
export { createTraining } from './create-training.js';
export { errors as communityErrors } from './community.errors.js';
