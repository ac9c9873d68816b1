import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db.js';

/**
 * Monitoring coverage per milestone, for the programme statistics. A milestone is one offset of a
 * case's schedule (3, 6 and 12 months after arrival by default, or the project's offsets from its
 * anchor); it is due when the anchor date plus the offset is on or before `today`. It is visited
 * when a visit of that offset is recorded with the outcome `reached` (an attempt not reached, a
 * refusal, a move does not count). Counted per case, like the schedule: `counted` decides which
 * cases (the statistics' filters and scope, on `ms.case_id`). Reads each schedule the filter keeps
 * and, per due milestone, the case's visits through `monitoring_visit_case_idx`.
 */
export async function milestoneCoverage(ex: Executor, today: string, counted: (caseId: RawBuilder<string>) => Expression<SqlBool>) {
  const { rows } = await sql<{ offset: number; due: number; visited: number }>`
    SELECT o.offset_months AS "offset", count(*)::int AS due,
           count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM monitoring_visit v
              WHERE v.case_id = ms.case_id AND v.offset_months = o.offset_months AND v.status = 'recorded' AND v.outcome = 'reached'))::int AS visited
      FROM monitoring_schedule ms
      CROSS JOIN LATERAL unnest(ms.offsets_months) AS o(offset_months)
     WHERE (ms.anchor_date + make_interval(months => o.offset_months))::date <= ${today}::date
       AND ${counted(sql<string>`ms.case_id`)}
     GROUP BY o.offset_months
     ORDER BY o.offset_months`.execute(ex);
  return rows;
}
