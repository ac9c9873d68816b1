import { z } from 'zod';
import type { rateListQuery } from '../../../shared/schemas/finance.js';
import { can } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { presentRate, ratesWithNames } from './rates.repo.js';

/** The rate table, newest first by default, filtered by a currency on either side; pages with a total. */
export async function listRates(input: z.infer<typeof rateListQuery>, { actor, db }: UseCaseContext) {
  if (!can(actor, 'finance.manage') && !can(actor, 'project.manage') && !can(actor, 'statistics.read')) throw platformErrors.FORBIDDEN();
  let q = ratesWithNames(db);
  if (input.currency) {
    const c = input.currency;
    q = q.where((eb) => eb.or([eb('r.from_currency', '=', c), eb('r.to_currency', '=', c)]));
  }
  const total = await db
    .selectFrom(q.as('x'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const dir = input.direction;
  q = input.sort === 'currency'
    ? q.orderBy('r.to_currency', dir).orderBy('r.from_currency', dir).orderBy('r.effective_from', 'desc')
    : input.sort === 'enteredAt'
      ? q.orderBy('r.entered_at', dir)
      : q.orderBy('r.effective_from', dir).orderBy('r.to_currency', 'asc');
  const rows = await q.orderBy('r.entered_at', 'desc').orderBy('r.id').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  return { items: rows.map(presentRate), total: Number(total.n) };
}
