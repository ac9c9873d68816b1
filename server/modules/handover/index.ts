/** Handover to the origin office with consent per purpose, arrival and reception, post-arrival cases. */
export { handoverRoutes } from './handover.routes.js';
