/** Counselling sessions, appointments and the country-of-origin information library. */
export { counsellingRoutes } from './counselling.routes.js';
