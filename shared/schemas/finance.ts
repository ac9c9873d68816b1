import { z } from 'zod';
import { currencySchema, MAX_AMOUNT_MINOR } from '../money.js';
import { COMPONENT_TYPES } from '../reintegration.js';
import { closed, instant, isoDate, uuid } from './common.js';

/** Money foundations of reintegration: exchange rates, project budget lines and their ledger. */

/** What the rate table sorts on. */
export const RATE_SORTS = ['effectiveFrom', 'currency', 'enteredAt'] as const;
export const BUDGET_ENTRY_KINDS = ['commitment', 'release', 'disbursement', 'reversal'] as const;
export type BudgetEntryKind = (typeof BUDGET_ENTRY_KINDS)[number];

/**
 * What can be wrong with a row of an imported rates file: each problem names its line (1 is the
 * header), its column and one of these codes.
 */
export const RATE_IMPORT_PROBLEMS = [
  'empty_file', 'header', 'columns', 'required', 'formula', 'currency_unknown', 'currency_usd', 'rate_invalid', 'date_invalid', 'duplicate', 'too_many_rows',
] as const;
export type RateImportProblem = (typeof RATE_IMPORT_PROBLEMS)[number];

/** A rate as a positive decimal string, at most 20 digits before the point and 18 after (never a float). */
export const rateText = z.string().trim().regex(/^\d{1,20}(\.\d{1,18})?$/, 'finance.rate.invalid').refine((s) => /[1-9]/.test(s), 'finance.rate.invalid');

export const rateBody = z
  .strictObject({
    fromCurrency: currencySchema,
    toCurrency: currencySchema,
    rate: rateText,
    effectiveFrom: isoDate,
    /** Required when a rate of the same pair already applies from that day (a correction). */
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .refine((b) => b.fromCurrency !== b.toCurrency, { path: ['toCurrency'], message: 'finance.rate.sameCurrency' });
export type RateInput = z.infer<typeof rateBody>;

export const rateListQuery = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  sort: z.enum(RATE_SORTS).default('effectiveFrom'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export const rateOnQuery = z.strictObject({
  from: currencySchema,
  to: currencySchema,
  day: isoDate,
});

export const budgetLineBody = z.strictObject({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  componentTypes: z.array(z.enum(COMPONENT_TYPES)).min(1).max(COMPONENT_TYPES.length)
    .refine((a) => new Set(a).size === a.length, 'finance.budgetLine.componentTwice'),
  donor: z.string().trim().min(1).max(200),
  amountMinor: z.number().int().min(0).max(MAX_AMOUNT_MINOR),
  currency: currencySchema,
});
export type BudgetLineInput = z.infer<typeof budgetLineBody>;

export const projectIdParams = z.strictObject({ projectId: uuid });

// ---- Answers ----

export const rateView = z.object({
  id: uuid,
  fromCurrency: z.string(),
  toCurrency: z.string(),
  rate: z.string(),
  effectiveFrom: isoDate,
  source: z.string(),
  reason: z.string().nullable(),
  enteredBy: z.object({ id: uuid, name: z.string() }),
  enteredAt: instant,
});
export type RateView = z.input<typeof rateView>;

export const rateList = z.object({ items: z.array(rateView), total: z.number().int() });
export type RateList = z.input<typeof rateList>;

export const rateImported = z.object({ fileName: z.string(), added: z.number().int() });
export type RateImported = z.input<typeof rateImported>;

/** details of EXCHANGE_RATE_IMPORT_INVALID. */
export const rateImportProblem = z.object({ line: z.number().int(), column: z.string().nullable(), problem: z.enum(RATE_IMPORT_PROBLEMS), value: z.string().optional() });
export type RateImportProblemView = z.infer<typeof rateImportProblem>;

export const rateOnView = z.object({
  from: z.string(),
  to: z.string(),
  day: isoDate,
  /** Units of `to` per one unit of `from`. */
  rate: z.string(),
  /** direct: one row of the table; inverse: one row of the other way, inverted (18 decimals, half to even); usd: the two sides' USD rates divided (18 decimals, half to even). */
  path: z.enum(['same', 'direct', 'inverse', 'usd']),
  rateIds: z.array(uuid),
});
export type RateOnView = z.input<typeof rateOnView>;

export const budgetLineView = z.object({
  id: uuid,
  projectId: uuid,
  code: z.string(),
  name: z.string(),
  componentTypes: z.array(closed(COMPONENT_TYPES)),
  donor: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  committedMinor: z.number().int(),
  disbursedMinor: z.number().int(),
  remainingMinor: z.number().int(),
  version: z.number().int(),
  updatedAt: instant,
});
export type BudgetLineView = z.input<typeof budgetLineView>;

/**
 * A line in the project's budget picture: with what the reintegration plans plan on it (each
 * case's draft, else its approved version; cancelled components left out), converted into the
 * line's currency at today's rate. `plannedUnconverted` counts components without a rate today.
 */
export const budgetPictureLine = budgetLineView.extend({ plannedMinor: z.number().int(), plannedUnconverted: z.number().int() });
export type BudgetPictureLine = z.input<typeof budgetPictureLine>;

export const projectBudgetView = z.object({
  project: z.object({ id: uuid, code: z.string(), name: z.string(), currency: z.string(), donors: z.array(z.string()) }),
  lines: z.array(budgetPictureLine),
  /** Per donor and currency: budget, planned, committed, disbursed and remaining of its lines. */
  donors: z.array(z.object({
    donor: z.string(), currency: z.string(), amountMinor: z.number().int(), plannedMinor: z.number().int(), committedMinor: z.number().int(), disbursedMinor: z.number().int(), remainingMinor: z.number().int(),
  })),
});
export type ProjectBudgetView = z.input<typeof projectBudgetView>;
