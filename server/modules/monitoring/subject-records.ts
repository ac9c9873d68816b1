import type { Executor } from '../../platform/db.js';

/** The person an access request is about and the cases they are a member of (at least one). */
interface Subject { personId: string; caseIds: string[] }

/**
 * Every record of the monitoring module about a person, for their access request (the privacy module
 * gathers them): each table's rows as stored, keyed by table name.
 */
export async function monitoringSubjectRecords(ex: Executor, { caseIds }: Subject) {
  const visits = await ex.selectFrom('monitoring_visit').selectAll().where('case_id', 'in', caseIds).orderBy('planned_on').execute();
  const v = visits.map((r) => r.id);
  return {
    monitoring_schedule: await ex.selectFrom('monitoring_schedule').selectAll().where('case_id', 'in', caseIds).execute(),
    monitoring_visit: visits,
    monitoring_visit_score: v.length ? await ex.selectFrom('monitoring_visit_score').selectAll().where('visit_id', 'in', v).orderBy('computed_at').execute() : [],
    monitoring_imported_score: v.length ? await ex.selectFrom('monitoring_imported_score').selectAll().where('visit_id', 'in', v).execute() : [],
    monitoring_offline_upload: v.length ? await ex.selectFrom('monitoring_offline_upload').selectAll().where('visit_id', 'in', v).execute() : [],
    monitoring_follow_up: await ex.selectFrom('monitoring_follow_up').selectAll().where('case_id', 'in', caseIds).orderBy('created_at').execute(),
    monitoring_arrival_assessment: await ex.selectFrom('monitoring_arrival_assessment').selectAll().where('case_id', 'in', caseIds).orderBy('recorded_at').execute(),
  };
}
