import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './finance.errors.js';
import { parseRatesCsv } from './rates-csv.js';

/**
 * Imports a rates file (see `rates-csv.ts` for its format): each row a rate from USD to its
 * currency, source the file's name. All or nothing: any problem, or a row whose currency already
 * has a rate from that day (a correction is entered by hand, with its reason), refuses the whole
 * file with 422 EXCHANGE_RATE_IMPORT_INVALID and the problems row by row (`details.problems`:
 * line, column, problem, value); nothing is stored. Audited once, with the count.
 */
export async function importRates(input: { fileName: string; content: Buffer }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'finance.manage');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input.content);
  if (text.includes('\uFFFD') || text.includes('\u0000')) {
    throw errors.EXCHANGE_RATE_IMPORT_INVALID({ problems: [{ line: 1, column: null, problem: 'empty_file' }] }, 'The file is not UTF-8 text.');
  }
  const { rates, problems } = parseRatesCsv(text);
  if (problems.length) throw errors.EXCHANGE_RATE_IMPORT_INVALID({ fileName: input.fileName, problems });
  const fileName = input.fileName.slice(0, 255) || 'rates.csv';
  return db.transaction().execute(async (trx) => {
    const currencies = [...new Set(rates.map((r) => r.currency))];
    const existing = await trx
      .selectFrom('exchange_rate')
      .select(['to_currency', 'effective_from'])
      .where('from_currency', '=', 'USD')
      .where('to_currency', 'in', currencies)
      .forUpdate()
      .execute();
    const taken = new Set(existing.map((e) => `${e.to_currency} ${e.effective_from}`));
    const clashes = rates.filter((r) => taken.has(`${r.currency} ${r.effectiveFrom}`));
    if (clashes.length) {
      throw errors.EXCHANGE_RATE_IMPORT_INVALID({
        fileName,
        problems: clashes.map((r) => ({ line: r.line, column: 'effective_from', problem: 'duplicate', value: `${r.currency} ${r.effectiveFrom}` })),
      });
    }
    await trx
      .insertInto('exchange_rate')
      .values(rates.map((r) => ({ from_currency: 'USD', to_currency: r.currency, rate: r.rate, effective_from: r.effectiveFrom, source: fileName, reason: null, entered_by: actor.userId, entered_at: clock.now() })))
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'exchange_rate.imported', entityType: 'exchange_rate',
      after: { fileName, added: rates.length, currencies, from: rates.reduce((m, r) => (r.effectiveFrom < m ? r.effectiveFrom : m), rates[0]!.effectiveFrom) },
    });
    return { fileName, added: rates.length };
  });
}
