import type { MonitoringFeedbackView } from '../../../shared/schemas/monitoring-programme.js';
import type { ScoreResult } from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseAudience, findCase } from '../cases/index.js';
import { monitoringFeedbackConsented } from '../handover/index.js';

/**
 * The monitoring outcome fed back to the host office that counselled the returnee (the case's own
 * office, once handed over to an origin office): the visits (day, method, outcome), their scores
 * per dimension and composite, and the case's reintegration status; never sensitive notes, next
 * steps, survey answers or indicators. Only when the returnee consented at handover to the
 * monitoring purpose; otherwise the state says why nothing is shown.
 */
export async function monitoringFeedback({ caseId }: { caseId: string }, { actor, db }: UseCaseContext): Promise<MonitoringFeedbackView> {
  requirePermission(actor, 'case.read');
  const c = await findCase(db, actor, caseId, 'case.read');
  // The origin office monitors the case itself: it reads the Monitoring tab, not this feedback.
  if (caseAudience(actor, c) === 'origin') throw platformErrors.FORBIDDEN();
  const base = { caseId: c.id, originOfficeName: c.origin_office_name ?? null, stage: null, lostToFollowUp: false, closed: false, visits: [] };
  if (!c.origin_office_id) return { ...base, state: 'not_handed_over' };
  if (!(await monitoringFeedbackConsented(db, c.id))) return { ...base, state: 'not_consented' };
  const schedule = await db.selectFrom('monitoring_schedule').select(['lost_to_follow_up_at', 'closing_summary']).where('case_id', '=', c.id).executeTakeFirst();
  const visits = await db.selectFrom('monitoring_visit')
    .select(['id', 'slot', 'planned_on', 'status', 'method', 'visited_on', 'outcome', 'not_reached_reason'])
    .where('case_id', '=', c.id).where('status', '!=', 'cancelled').orderBy('slot').orderBy('planned_on').execute();
  const scores = await db.selectFrom('monitoring_visit_score as s')
    .innerJoin('monitoring_instrument_version as iv', 'iv.id', 's.instrument_version_id')
    .innerJoin('monitoring_instrument as i', 'i.id', 'iv.instrument_id')
    .select(['s.visit_id', 's.instrument_version_id', 's.result', 'iv.number', 'i.name'])
    .where('s.visit_id', 'in', visits.length ? visits.map((v) => v.id) : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('s.computed_at').orderBy('iv.number')
    .execute();
  return {
    ...base,
    state: 'shared',
    stage: c.stage,
    lostToFollowUp: !!schedule?.lost_to_follow_up_at,
    closed: c.stage === 'closed' || !!schedule?.closing_summary,
    visits: visits.map((v) => ({
      id: v.id,
      slot: v.slot,
      plannedOn: v.planned_on,
      status: v.status as 'planned' | 'recorded' | 'cancelled',
      method: v.method as MonitoringFeedbackView['visits'][number]['method'],
      visitedOn: v.visited_on,
      outcome: v.outcome as MonitoringFeedbackView['visits'][number]['outcome'],
      notReachedReason: v.not_reached_reason as MonitoringFeedbackView['visits'][number]['notReachedReason'],
      scores: scores.filter((s) => s.visit_id === v.id).map((s) => {
        const r = s.result as ScoreResult;
        return { versionId: s.instrument_version_id, versionNumber: s.number, instrumentName: s.name, dimensions: r.dimensions.map((d) => ({ key: d.key, score: d.score })), composite: r.composite };
      }),
    })),
  };
}
