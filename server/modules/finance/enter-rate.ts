import type { RateInput } from '../../../shared/schemas/finance.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { normaliseRate } from './conversion.js';
import { errors } from './finance.errors.js';
import { presentRate, ratesWithNames } from './rates.repo.js';

/**
 * Enters one rate by hand (source 'manual'). Rates are never edited: a second rate of the same pair
 * and day is a correction and needs a reason (409 EXCHANGE_RATE_REASON_REQUIRED). Audited.
 */
export async function enterRate(input: RateInput, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'finance.manage');
  const rate = normaliseRate(input.rate);
  const id = await db.transaction().execute(async (trx) => {
    // One writer per pair at a time, so that two corrections of a day cannot both miss each other.
    await trx.selectFrom('exchange_rate').select('id').where('from_currency', '=', input.fromCurrency).where('to_currency', '=', input.toCurrency).forUpdate().execute();
    const existing = await trx
      .selectFrom('exchange_rate')
      .select(['id', 'rate', 'entered_at'])
      .where('from_currency', '=', input.fromCurrency)
      .where('to_currency', '=', input.toCurrency)
      .where('effective_from', '=', input.effectiveFrom)
      .orderBy('entered_at', 'desc')
      .executeTakeFirst();
    if (existing && !input.reason) throw errors.EXCHANGE_RATE_REASON_REQUIRED({ field: 'reason', existingRate: normaliseRate(existing.rate) });
    // A correction always comes after the rate it corrects, whatever the clock says.
    const now = clock.now();
    const enteredAt = existing && new Date(existing.entered_at).getTime() >= now.getTime() ? new Date(new Date(existing.entered_at).getTime() + 1) : now;
    const row = await trx
      .insertInto('exchange_rate')
      .values({ from_currency: input.fromCurrency, to_currency: input.toCurrency, rate, effective_from: input.effectiveFrom, source: 'manual', reason: input.reason ?? null, entered_by: actor.userId, entered_at: enteredAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'exchange_rate.entered', entityType: 'exchange_rate', entityId: row.id,
      after: { fromCurrency: input.fromCurrency, toCurrency: input.toCurrency, rate, effectiveFrom: input.effectiveFrom, reason: input.reason ?? null, corrects: existing?.id ?? null },
    });
    return row.id;
  });
  return presentRate(await ratesWithNames(db).where('r.id', '=', id).executeTakeFirstOrThrow());
}
