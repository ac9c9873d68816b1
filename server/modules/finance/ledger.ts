import type { BudgetEntryKind } from '../../../shared/schemas/finance.js';
import { can } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { loadLine } from './budget.repo.js';
import { errors } from './finance.errors.js';

/**
 * The budget ledger (`budget_entry`, append-only): what the reintegration plan's approval commits
 * and what disbursements pay, per budget line. Each function runs in the caller's transaction
 * (`ctx.db` is that transaction; given the pool, it opens one), locks the budget line, checks,
 * appends one entry and audits it (`budget_entry.recorded`, on the budget line, with the case).
 * Amounts are positive minor units in the line's currency (convert with `convertMinor` at
 * `rateOn` first: 400 BUDGET_CURRENCY_MISMATCH otherwise).
 */
export interface LedgerInput {
  budgetLineId: string;
  amountMinor: number;
  currency: string;
  caseId?: string | null;
  /** What the entry is for: the plan, the payment, the receipt number. */
  reference?: string | null;
}

export type LedgerEntry = Awaited<ReturnType<typeof record>>;

async function inTransaction<T>(ctx: UseCaseContext, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.isTransaction ? fn(ctx.db as unknown as Tx) : ctx.db.transaction().execute(fn);
}

async function record(kind: BudgetEntryKind, input: LedgerInput & { overrideReason?: string | null }, ctx: UseCaseContext) {
  const { actor } = ctx;
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw platformErrors.VALIDATION_FAILED({ field: 'amountMinor' }, 'An entry is a positive amount in minor units.');
  const reason = input.overrideReason?.trim() || null;
  if (reason && reason.length > 500) throw platformErrors.VALIDATION_FAILED({ field: 'overrideReason' }, 'The reason is at most 500 characters.');
  return inTransaction(ctx, async (trx) => {
    const locked = await trx.selectFrom('budget_line').select('id').where('id', '=', input.budgetLineId).forUpdate().executeTakeFirst();
    if (!locked) throw errors.BUDGET_LINE_NOT_FOUND();
    const line = (await loadLine(trx, input.budgetLineId))!;
    if (input.currency !== line.currency) throw errors.BUDGET_CURRENCY_MISMATCH({ field: 'currency', currency: line.currency });
    let overridden = false;
    if (kind === 'commitment' && input.amountMinor > line.remainingMinor) {
      if (!reason) throw errors.BUDGET_OVERCOMMITTED({ budgetLineId: line.id, remainingMinor: line.remainingMinor, amountMinor: input.amountMinor, currency: line.currency });
      if (!can(actor, 'finance.override')) throw errors.BUDGET_OVERRIDE_FORBIDDEN({ budgetLineId: line.id });
      overridden = true;
    }
    if (kind === 'release' && input.amountMinor > line.committedMinor) throw errors.BUDGET_RELEASE_EXCEEDS_COMMITTED({ availableMinor: line.committedMinor, currency: line.currency });
    if (kind === 'reversal' && input.amountMinor > line.disbursedMinor) throw errors.BUDGET_RELEASE_EXCEEDS_COMMITTED({ availableMinor: line.disbursedMinor, currency: line.currency });
    const entry = await trx
      .insertInto('budget_entry')
      .values({
        budget_line_id: line.id, kind, amount_minor: input.amountMinor, currency: input.currency, case_id: input.caseId ?? null,
        reference: input.reference ?? null, override_reason: overridden ? reason : null, entered_by: actor.userId, entered_at: ctx.clock.now(),
      })
      .returning(['id', 'entered_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'budget_entry.recorded', entityType: 'budget_line', entityId: line.id, caseId: input.caseId ?? undefined,
      after: {
        entryId: entry.id, kind, amountMinor: input.amountMinor, currency: input.currency, reference: input.reference ?? null,
        remainingMinorBefore: line.remainingMinor, overridden, ...(overridden ? { overrideReason: reason } : {}),
      },
    });
    return { id: entry.id, kind, amountMinor: input.amountMinor, currency: input.currency, overridden, enteredAt: entry.entered_at };
  });
}

/**
 * Commits an amount of a budget line (a reintegration plan's approval). Past the remaining budget
 * it is refused (409 BUDGET_OVERCOMMITTED, details remainingMinor) unless `overrideReason` is given
 * by someone holding finance.override (403 BUDGET_OVERRIDE_FORBIDDEN otherwise); the override and
 * its reason are kept on the entry and in the audit event.
 */
export const commit = (input: LedgerInput & { overrideReason?: string | null }, ctx: UseCaseContext) => record('commitment', input, ctx);
/** Gives back part of a commitment (a plan cancelled or reduced); never more than is committed. */
export const release = (input: LedgerInput, ctx: UseCaseContext) => record('release', input, ctx);
/** Records money paid out of a budget line (a disbursement to a returnee or a provider). */
export const recordDisbursement = (input: LedgerInput, ctx: UseCaseContext) => record('disbursement', input, ctx);
/** Reverses a disbursement (returned, cancelled); never more than was disbursed. */
export const reverseDisbursement = (input: LedgerInput, ctx: UseCaseContext) => record('reversal', input, ctx);
