/** Programme statistics: figures from the aggregates of migration 0036, with disclosure control. */
export { statisticsRoutes } from './statistics.routes.js';
/** One figure as the API answers it (the benchmark times them). */
export { statisticsFigure, disclosureControlled } from './figures.js';
