/** Cases and households: registration, search, duplicates, stages, notes, attachments, history. */
export { caseRoutes } from './cases.routes.js';
/** Registers a household; the demo data and the benchmark call it like the API does. */
export { registerCase } from './register-case.js';
/** Moves a case along the workflow. */
export { transitionCase } from './transition-case.js';
/** Reads a case as an actor sees it, without auditing (after writes). */
export { readCase } from './open-case.js';
export { addNote } from './case-notes.js';
export { TRANSITIONS, transitionsFrom, initialStage } from './case-workflow.js';
