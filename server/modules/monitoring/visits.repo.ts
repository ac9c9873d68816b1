import { can, type Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import type { ScoreResult } from '../../../shared/schemas/monitoring.js';
import { approvedComponents, } from '../reintegration/index.js';
import { caseFieldPolicy, type CaseRow } from '../cases/index.js';
import { presentFollowUp, selectFollowUps } from './follow-ups.repo.js';
import { errors } from './monitoring.errors.js';
import { openVisitRow } from './visit-sealing.js';

export const selectVisits = (ex: Executor) =>
  ex
    .selectFrom('monitoring_visit as v')
    .leftJoin('app_user as o', 'o.id', 'v.officer_id')
    .leftJoin('app_user as r', 'r.id', 'v.recorded_by')
    .selectAll('v')
    .select(['o.name as officer_name', 'r.name as recorded_by_name']);
export type VisitRow = Awaited<ReturnType<ReturnType<typeof selectVisits>['executeTakeFirstOrThrow']>>;

/** A visit of the case, with its row locked when asked. */
export async function loadVisit(ex: Executor, visitId: string, lock = false) {
  let q = ex.selectFrom('monitoring_visit').selectAll().where('id', '=', visitId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.MONITORING_VISIT_NOT_FOUND();
  return row;
}

/** Every score row of the visits, oldest first, with its version's number and instrument. */
export async function scoresOf(ex: Executor, visitIds: string[]) {
  if (!visitIds.length) return [];
  return ex
    .selectFrom('monitoring_visit_score as s')
    .innerJoin('monitoring_instrument_version as iv', 'iv.id', 's.instrument_version_id')
    .innerJoin('monitoring_instrument as i', 'i.id', 'iv.instrument_id')
    .select(['s.visit_id', 's.instrument_version_id', 's.result', 's.computed_at', 's.rescore_job_id', 's.computed_by', 'iv.number', 'i.key as instrument_key', 's.id'])
    .where('s.visit_id', 'in', visitIds)
    .orderBy('s.computed_at')
    .orderBy('iv.number')
    .execute();
}
type ScoreRow = Awaited<ReturnType<typeof scoresOf>>[number];

/** The scores imported visits came with, as the old system gave them (migration 0044). */
export async function importedScoresOf(ex: Executor, visitIds: string[]) {
  if (!visitIds.length) return [];
  return ex.selectFrom('monitoring_imported_score').selectAll().where('visit_id', 'in', visitIds).execute();
}
type ImportedScoreRow = Awaited<ReturnType<typeof importedScoresOf>>[number];
const presentImportedScore = (s: ImportedScoreRow | undefined) => (s ? {
  source: s.legacy_source, composite: s.composite,
  dimensions: [{ key: 'economic' as const, score: s.economic }, { key: 'social' as const, score: s.social }, { key: 'psychosocial' as const, score: s.psychosocial }],
} : null);

/** Who reads a visit's sensitive notes: holders of the sensitive-notes right for the case, or the recorder's office. */
export const sensitiveVisible = (actor: Actor, policyAllows: boolean, recorderOfficeId: string | null) =>
  policyAllows || (recorderOfficeId !== null && actor.officeId === recorderOfficeId);

export function presentVisit(v: VisitRow, scores: ScoreRow[], showSensitive: boolean, showScores: boolean, imported: ImportedScoreRow[] = []) {
  const own = scores.filter((s) => s.visit_id === v.id);
  return {
    id: v.id,
    caseId: v.case_id,
    slot: v.slot,
    offsetMonths: v.offset_months,
    plannedOn: v.planned_on,
    status: v.status,
    officerId: v.officer_id,
    officerName: v.officer_name ?? null,
    method: v.method,
    visitedOn: v.visited_on,
    outcome: v.outcome,
    notReachedReason: v.not_reached_reason,
    componentUse: v.component_use as { componentKey: string; use: string }[],
    ...(showSensitive ? { sensitiveNotes: v.sensitive_notes } : {}),
    nextSteps: v.next_steps,
    instrumentVersionId: v.instrument_version_id,
    ...(showScores ? { answers: (v.answers ?? null) as Record<string, string | number | string[]> | null } : {}),
    recordedByName: v.recorded_by_name ?? null,
    recordedAt: v.recorded_at,
    ...(showScores ? {
      scores: own.map((s, i) => ({
        ...(s.result as ScoreResult), versionId: s.instrument_version_id, versionNumber: s.number, instrumentKey: s.instrument_key, computedAt: s.computed_at, rescored: i > 0,
      })),
      importedScore: presentImportedScore(imported.find((x) => x.visit_id === v.id)),
    } : {}),
    legacySource: v.legacy_source,
    version: v.version,
  };
}

/** Whether every scheduled slot has a recorded visit (or the case is lost to follow-up): the case may be closed. */
export async function monitoringComplete(ex: Executor, caseId: string) {
  const s = await ex.selectFrom('monitoring_schedule').select(['lost_to_follow_up_at']).where('case_id', '=', caseId).executeTakeFirst();
  if (!s) return false;
  if (s.lost_to_follow_up_at) return true;
  const open = await ex.selectFrom('monitoring_visit').select('id').where('case_id', '=', caseId).where('status', '=', 'planned').executeTakeFirst();
  return !open;
}

/** The case's monitoring as its tab shows it: schedule, visits with their scores, follow-ups. */
export async function presentCaseMonitoring(ex: Executor, actor: Actor, c: CaseRow) {
  const s = await ex.selectFrom('monitoring_schedule').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
  const stored = await selectVisits(ex).where('v.case_id', '=', c.id).where('v.status', '!=', 'cancelled').orderBy('v.slot').orderBy('v.planned_on').execute();
  const visits = await Promise.all(stored.map((v) => openVisitRow(ex, v)));
  const scores = await scoresOf(ex, visits.map((v) => v.id));
  const imported = await importedScoresOf(ex, visits.filter((v) => v.legacy_id !== null).map((v) => v.id));
  const policy = await caseFieldPolicy(ex, actor, c);
  const followUps = await selectFollowUps(ex).where('f.case_id', '=', c.id).orderBy('f.created_at').orderBy('f.trigger_key').execute();
  const components = await approvedComponents(ex, c.id);
  return {
    id: c.id,
    caseId: c.id,
    stage: c.stage,
    anchor: s.anchor,
    anchorDate: s.anchor_date,
    offsetsMonths: s.offsets_months,
    source: s.source as 'project' | 'default' | 'changed' | 'imported',
    changeReason: s.change_reason,
    lostToFollowUpAt: s.lost_to_follow_up_at,
    closingSummary: s.closing_summary,
    canClose: c.stage === 'monitoring' && (await monitoringComplete(ex, c.id)),
    components: components.map((x) => ({ componentKey: x.component_key, type: x.type })),
    visits: visits.map((v) => presentVisit(v, scores, sensitiveVisible(actor, policy.sensitiveNotes, v.recorder_office_id), can(actor, 'monitoring.score.read'), imported)),
    followUps: followUps.map(presentFollowUp),
    version: s.version,
  };
}
