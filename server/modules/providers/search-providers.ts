import { sql } from 'kysely';
import type { ProviderSearchInput, ProviderSort } from '../../../shared/schemas/providers.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { presentProvider, providerQuery, readScope } from './providers.repo.js';

const SORT_COLUMNS: Record<ProviderSort, string> = { name: 'p.name', kind: 'p.kind', place: 'p.place', status: 'p.status', updatedAt: 'p.updated_at' };

const like = (s: string) => `%${s.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The registry as the actor reads it (their office's providers; every office's with scope `all`):
 * by part of the name, kind, status and a service offered, sorted (by name unless asked) and paged.
 */
export async function searchProviders(input: ProviderSearchInput, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  readScope(actor);
  let q = providerQuery(db, actor);
  if (input.name) q = q.where(sql<boolean>`p.name ILIKE ${like(input.name)}`);
  if (input.kind) q = q.where('p.kind', '=', input.kind);
  if (input.status) q = q.where('p.status', '=', input.status);
  if (input.service) q = q.where(sql<boolean>`${input.service} = ANY (p.services)`);

  const { n } = await db
    .selectFrom(q.clearSelect().select(sql<number>`1`.as('one')).as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  const direction = input.order === 'desc' ? sql`DESC` : sql`ASC`;
  const sort = input.sort ?? 'name';
  let ordered = q.orderBy(sort === 'name' ? sql`lower(p.name) ${direction}` : sql`${sql.ref(SORT_COLUMNS[sort])} ${direction}`);
  if (sort !== 'name') ordered = ordered.orderBy(sql`lower(p.name)`);
  const rows = await ordered.orderBy('p.id').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  return { items: rows.map(presentProvider), total: Number(n), page: input.page, pageSize: input.pageSize };
}
