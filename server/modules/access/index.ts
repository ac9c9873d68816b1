/** Access: organisations, offices, users, roles, sign-in, sessions, TOTP and the audit search. */
export { accessRoutes } from './access.routes.js';
/** Creates the built-in roles that are missing; returns role ids by key. */
export { ensureBuiltinRoles } from './builtin-roles.js';
/** One-time link that creates the first administrator when the database has no users. */
export { issueSetupToken } from './complete-setup.js';
/** Argon2id hashing, for the demo data and tests that make users directly. */
export { hashPassword } from './passwords.js';
/** TOTP codes, for tests and the demo. */
export { newTotpSecret, totpCodeAt } from './totp.js';
export { MAX_FAILURES, LOCK_MINUTES } from './sign-in.js';
export { officeChoices } from './manage-offices.js';
/** A user and their grants as they are now, for a job acting for the user who asked for it. */
export { userNow } from './user-now.js';
