/**
 * Monitoring of reintegration: the sustainability survey instrument as versioned data and its
 * exact scoring (the scoring itself is `shared/monitoring`, shared with the web app).
 */
export { monitoringRoutes } from './monitoring.routes.js';
/** Creates the built-in instrument at start, like the built-in roles. */
export { ensureDefaultInstrument } from './ensure-default-instrument.js';
/** Scores answers under a definition, refusing answers that do not fit (a visit's scores, later). */
export { scoreOrRefuse } from './score-answers.js';
/** Use cases the demo data calls like the API does. */
export { createInstrumentDraft } from './create-instrument-draft.js';
export { publishInstrumentVersion } from './publish-instrument-version.js';
