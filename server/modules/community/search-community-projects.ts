import { sql } from 'kysely';
import type { CommunitySearchInput } from '../../../shared/schemas/community.js';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { communityQuery, presentSummary } from './community.repo.js';

/** The community projects the actor manages, by status and office, latest start first, paged. */
export async function searchCommunityProjects(input: CommunitySearchInput, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'community.manage');
  let q = communityQuery(db, actor);
  if (input.status) q = q.where('cp.status', '=', input.status);
  if (input.officeId) q = q.where('cp.office_id', '=', input.officeId);
  const { n } = await db
    .selectFrom(q.clearSelect().select(sql<number>`1`.as('one')).as('t'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('cp.starts_on', 'desc').orderBy(sql`lower(cp.title)`).orderBy('cp.id').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  return { items: rows.map(presentSummary), total: Number(n), page: input.page, pageSize: input.pageSize };
}
