import { sql } from 'kysely';
import type { IncomingSearchInput, IncomingSort } from '../../../shared/schemas/handover.js';
import { requirePermission } from '../../platform/actor.js';
import { handoverQuery, incomingScope } from './handovers.js';
import { presentHandover } from './handovers.present.js';
import type { UseCaseContext } from '../../platform/use-case.js';

const SORT_COLUMNS: Record<IncomingSort, string> = { sentAt: 'h.sent_at', caseNumber: 'c.case_number', status: 'h.status', fromOffice: 'fo.name' };

/** The day after an ISO date, for an inclusive end of a period of days. */
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000);

/**
 * Handovers sent to offices in the actor's scope (`incomingScope`), filtered by status, the
 * sending office's country, the country of return, the day sent (UTC) and the case number, one
 * page at a time. Without a sort, those waiting for an answer come first, newest first.
 */
export async function listIncoming(input: IncomingSearchInput, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'handover.receive');
  let q = handoverQuery(db).where(incomingScope(actor));
  if (input.status) q = q.where('h.status', '=', input.status);
  if (input.fromCountry) q = q.where('fo.country_code', '=', input.fromCountry);
  if (input.countryOfReturn) q = q.where('c.country_of_return', '=', input.countryOfReturn);
  if (input.sentFrom) q = q.where('h.sent_at', '>=', new Date(`${input.sentFrom}T00:00:00Z`));
  if (input.sentTo) q = q.where('h.sent_at', '<', nextDay(input.sentTo));
  if (input.caseNumber) q = q.where(sql<boolean>`c.case_number ILIKE ${`%${input.caseNumber.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`);

  const { n } = await db
    .selectFrom(q.clearSelect().select(sql<number>`1`.as('one')).as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  const direction = input.order === 'asc' ? sql`ASC` : sql`DESC`;
  let ordered = input.sort
    ? q.orderBy(sql`${sql.ref(SORT_COLUMNS[input.sort])} ${direction}`)
    : q.orderBy(sql`CASE h.status WHEN 'pending' THEN 0 ELSE 1 END`).orderBy('h.sent_at', 'desc');
  if (input.sort && input.sort !== 'sentAt') ordered = ordered.orderBy('h.sent_at', 'desc');
  const rows = await ordered
    .orderBy('h.id')
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return { items: rows.map(presentHandover), total: Number(n), page: input.page, pageSize: input.pageSize };
}
