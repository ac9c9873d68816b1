/** Reference data over HTTP: countries, currencies, languages (the data itself is in shared/reference). */
export { referenceRoutes } from './reference.routes.js';
