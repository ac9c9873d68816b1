/** Counselling sessions, appointments and the country-of-origin information library. */
export { counsellingRoutes } from './counselling.routes.js';
/** Whether a case has had at least one counselling session held. */
export { hasHeldCounselling, createSession, updateSession } from './sessions.js';
export { createCoiEntry } from './create-coi-entry.js';
export { editCoiEntry } from './edit-coi-entry.js';
export { addCoiAttachment } from './add-coi-attachment.js';
