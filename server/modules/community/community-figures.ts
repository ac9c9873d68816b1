import { sql, type Expression, type SqlBool } from 'kysely';
import type { CommunityStatus } from '../../../shared/schemas/community.js';
import type { Executor } from '../../platform/db.js';

/** The columns of a community project a caller's condition may name (the project's office, country, AVRR project and start date). */
export const COMMUNITY_FIGURE_COLUMNS = { office: 'cp.office_id', country: 'cp.country_code', project: 'cp.project_id', startsOn: 'cp.starts_on' } as const;

export interface CommunityStatusTotals {
  status: CommunityStatus;
  projects: number;
  returneesFemale: number; returneesMale: number; returneesOther: number;
  communityFemale: number; communityMale: number; communityOther: number;
  /** Returnees' cases linked to the projects. */
  linked: number;
}

/**
 * For the programme statistics: the community projects the caller's condition keeps (written on
 * `COMMUNITY_FIGURE_COLUMNS`: the caller's scope and filters), per status, with how many they are,
 * the beneficiaries recorded on them by group and sex, and the returnees' cases linked to them.
 * Counts only, whoever asks (the caller decides the scope); no project or person is named. Read
 * straight from the tables: an office runs tens of projects, the programme hundreds, so one
 * grouped scan answers in milliseconds and no aggregate is kept.
 */
export async function communityStatusTotals(ex: Executor, where: (c: typeof COMMUNITY_FIGURE_COLUMNS) => Expression<SqlBool>): Promise<CommunityStatusTotals[]> {
  const linked = ex.selectFrom('community_project_returnee as r').select(['r.community_project_id', sql<number>`count(*)::int`.as('n')]).groupBy('r.community_project_id');
  const rows = await ex.selectFrom('community_project as cp')
    .leftJoin(linked.as('l'), 'l.community_project_id', 'cp.id')
    .where(where(COMMUNITY_FIGURE_COLUMNS))
    .select([
      'cp.status',
      sql<number>`count(*)::int`.as('projects'),
      sql<number>`coalesce(sum(cp.returnees_female), 0)::int`.as('returneesFemale'),
      sql<number>`coalesce(sum(cp.returnees_male), 0)::int`.as('returneesMale'),
      sql<number>`coalesce(sum(cp.returnees_other), 0)::int`.as('returneesOther'),
      sql<number>`coalesce(sum(cp.community_female), 0)::int`.as('communityFemale'),
      sql<number>`coalesce(sum(cp.community_male), 0)::int`.as('communityMale'),
      sql<number>`coalesce(sum(cp.community_other), 0)::int`.as('communityOther'),
      sql<number>`coalesce(sum(l.n), 0)::int`.as('linked'),
    ])
    .groupBy('cp.status')
    .execute();
  return rows;
}
