/** Money foundations of reintegration: the exchange rate table, project budget lines and their ledger. */
export { financeRoutes } from './finance.routes.js';
/** The rate in force on a day (direct, inverse, or through USD), and exact conversion of minor units at a rate. */
export { rateOn, type RateOn } from './rates.repo.js';
export { convertMinor, CROSS_RATE_SCALE } from './conversion.js';
/** The ledger the plan's approval and disbursements write to, in the caller's transaction. */
export { commit, release, recordDisbursement, reverseDisbursement, type LedgerInput, type LedgerEntry } from './ledger.js';
/** Use cases the demo data calls like the API does. */
export { enterRate } from './enter-rate.js';
export { importRates } from './import-rates.js';
export { createBudgetLine } from './create-budget-line.js';
export { projectBudget } from './project-budget.js';
/** One budget line with its sums, or null; a project's lines (the plan's component form offers them). */
export { loadLine as budgetLine, type BudgetLine } from './budget.repo.js';
export { projectLines } from './project-budget.js';
/** Every record of this module about a person, for the returnee's access request (the privacy module). */
export { financeSubjectRecords } from './subject-records.js';
