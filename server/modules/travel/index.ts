/** Travel documents, bookings with legs, transit and escorts, movement manifests, departure. */
export { travelRoutes } from './travel.routes.js';
