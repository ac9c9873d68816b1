import type { Executor } from '../../platform/db.js';
import { divideRates, invertRate, normaliseRate } from './conversion.js';
import { errors } from './finance.errors.js';

export function ratesWithNames(ex: Executor) {
  return ex
    .selectFrom('exchange_rate as r')
    .innerJoin('app_user as u', 'u.id', 'r.entered_by')
    .select(['r.id', 'r.from_currency', 'r.to_currency', 'r.rate', 'r.effective_from', 'r.source', 'r.reason', 'r.entered_by', 'r.entered_at', 'u.name as entered_by_name']);
}
type RateRow = Awaited<ReturnType<ReturnType<typeof ratesWithNames>['executeTakeFirstOrThrow']>>;

export function presentRate(r: RateRow) {
  return {
    id: r.id,
    fromCurrency: r.from_currency,
    toCurrency: r.to_currency,
    rate: normaliseRate(r.rate),
    effectiveFrom: r.effective_from,
    source: r.source,
    reason: r.reason,
    enteredBy: { id: r.entered_by, name: r.entered_by_name },
    enteredAt: r.entered_at,
  };
}

/** The row of a pair in force on a day: the latest effective date not after it, the latest entered of that day. */
async function inForce(ex: Executor, from: string, to: string, day: string) {
  return ex
    .selectFrom('exchange_rate')
    .select(['id', 'rate'])
    .where('from_currency', '=', from)
    .where('to_currency', '=', to)
    .where('effective_from', '<=', day)
    .orderBy('effective_from', 'desc')
    .orderBy('entered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface RateOn {
  from: string;
  to: string;
  day: string;
  /** Units of `to` per one unit of `from`, an exact decimal string. */
  rate: string;
  path: 'same' | 'direct' | 'inverse' | 'usd';
  /** The rows of the rate table the rate was made of. */
  rateIds: string[];
}

/**
 * The rate in force on `day` (YYYY-MM-DD) from one currency to another, from Homeward's rate table
 * only: a row of the pair; else a row of the other way, inverted; else both sides' USD rates
 * divided (rate to of USD / rate from of USD, 18 decimals, half to even). 409
 * EXCHANGE_RATE_MISSING (details: from, to, day, missing) when none applies.
 */
export async function rateOn(ex: Executor, from: string, to: string, day: string): Promise<RateOn> {
  const base = { from, to, day };
  if (from === to) return { ...base, rate: '1', path: 'same', rateIds: [] };
  const direct = await inForce(ex, from, to, day);
  if (direct) return { ...base, rate: normaliseRate(direct.rate), path: 'direct', rateIds: [direct.id] };
  const inverse = await inForce(ex, to, from, day);
  if (inverse) return { ...base, rate: invertRate(inverse.rate), path: 'inverse', rateIds: [inverse.id] };
  const perUsd = async (c: string): Promise<{ rate: string; ids: string[] } | null> => {
    if (c === 'USD') return { rate: '1', ids: [] };
    const row = await inForce(ex, 'USD', c, day);
    if (row) return { rate: row.rate, ids: [row.id] };
    const back = await inForce(ex, c, 'USD', day);
    return back ? { rate: invertRate(back.rate), ids: [back.id] } : null;
  };
  const [a, b] = [await perUsd(from), await perUsd(to)];
  if (!a || !b) {
    throw errors.EXCHANGE_RATE_MISSING({ from, to, day, missing: [...(a ? [] : [from]), ...(b ? [] : [to])] });
  }
  return { ...base, rate: divideRates(b.rate, a.rate), path: 'usd', rateIds: [...a.ids, ...b.ids] };
}
