/** Vulnerability screening, special measures, health and fit-to-travel records, restricted cases. */
export { protectionRoutes } from './protection.routes.js';
