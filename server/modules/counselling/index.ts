/** Counselling sessions, appointments and the country-of-origin information library. */
export { counsellingRoutes } from './counselling.routes.js';
/** Whether a case has had at least one counselling session held. */
export { hasHeldCounselling } from './sessions.repo.js';
/** The notes of a case's sessions, for the handover package (the caller checks the consent and audits). */
export { sessionNotesOf } from './sessions.repo.js';
export { createSession } from './create-session.js';
export { updateSession } from './update-session.js';
export { createCoiEntry } from './create-coi-entry.js';
export { editCoiEntry } from './edit-coi-entry.js';
export { addCoiAttachment } from './add-coi-attachment.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { counsellingSubjectRecords } from './subject-records.js';
/** The background sealing of session notes and next steps stored in clear before migration 0066 (`server/jobs.ts`). */
export { sealClearSessionTexts } from './session-sealing.js';
