import { DIMENSIONS, type ArrivalAssessmentBody, type ScoreResult } from '../../../shared/schemas/monitoring.js';
import { can, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor, Tx } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, findCase, stageAllows, type CaseRow } from '../cases/index.js';
import { definitionOf, loadVersion, presentVersion, selectVersions } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';
import { scoreOrRefuse } from './score-answers.js';

/** Who records the arrival assessment: monitoring officers and those who draft the reintegration plan. */
export const ARRIVAL_RECORDERS = ['monitoring.visit.record', 'reintegration.plan'] as const;
/** Who reads it, with its scores: recorders, score readers and the plan's approvers. */
export const ARRIVAL_READERS = ['monitoring.score.read', 'monitoring.visit.record', 'reintegration.plan', 'reintegration.approve'] as const;

const pick = (actor: Actor, list: readonly (typeof ARRIVAL_READERS)[number][]) => {
  const p = list.find((x) => can(actor, x));
  if (!p) throw platformErrors.FORBIDDEN({ permission: [...list] });
  return p;
};

/** The scored dimension with the lowest score; ties go to the first in the instrument's order. None scored: null. */
export function weakestDimension(result: ScoreResult): (typeof DIMENSIONS)[number] | null {
  let weakest: { key: (typeof DIMENSIONS)[number]; score: string } | null = null;
  for (const key of DIMENSIONS) {
    const d = result.dimensions.find((x) => x.key === key);
    if (!d?.score) continue;
    // Exact decimal text with four decimals: compared as numbers of ten-thousandths.
    if (!weakest || Number(d.score.replace('.', '')) < Number(weakest.score.replace('.', ''))) weakest = { key, score: d.score };
  }
  return weakest?.key ?? null;
}

const selectAssessments = (ex: Executor) =>
  ex.selectFrom('monitoring_arrival_assessment as a')
    .innerJoin('monitoring_instrument_version as iv', 'iv.id', 'a.instrument_version_id')
    .innerJoin('app_user as u', 'u.id', 'a.recorded_by')
    .selectAll('a')
    .select(['iv.number as version_number', 'u.name as recorded_by_name']);
type AssessmentRow = Awaited<ReturnType<ReturnType<typeof selectAssessments>['executeTakeFirstOrThrow']>>;

const presentAssessment = (a: AssessmentRow) => ({
  id: a.id,
  caseId: a.case_id,
  assessedOn: a.assessed_on,
  instrumentVersionId: a.instrument_version_id,
  versionNumber: a.version_number,
  answers: a.answers as Record<string, string | number | string[]>,
  scores: a.result as ScoreResult,
  weakestDimension: weakestDimension(a.result as ScoreResult),
  recordedByName: a.recorded_by_name,
  recordedAt: a.recorded_at,
  replaceReason: a.replace_reason,
  version: a.version,
});

/** The latest published version of the built-in instrument: the survey an assessment is answered in. */
async function latestSurvey(ex: Executor) {
  const row = await selectVersions(ex).where('i.builtin', '=', true).where('v.status', '=', 'published').orderBy('v.number', 'desc').limit(1).executeTakeFirst();
  return row ? presentVersion(row) : null;
}

/** Scores the answers exactly like a visit's, under a published version only (a draft: 409). */
async function score(trx: Tx, body: ArrivalAssessmentBody) {
  const version = await loadVersion(trx, body.instrumentVersionId);
  if (version.status !== 'published') throw errors.MONITORING_VERSION_NOT_PUBLISHED({ field: 'instrumentVersionId' });
  return scoreOrRefuse(definitionOf(version), body.answers);
}

const assertArrived = (c: CaseRow) => {
  if (!stageAllows('arrival.assess', c)) throw errors.MONITORING_ARRIVAL_STAGE_INVALID({ stage: c.stage });
};

/**
 * The case's current arrival assessment (or none), whether the actor may record it now, and, for
 * a recorder, the survey to answer (the latest published version of the built-in instrument).
 */
export async function getArrivalAssessment({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  const c = await findCase(db, actor, caseId, pick(actor, ARRIVAL_READERS));
  const row = await selectAssessments(db).where('a.case_id', '=', c.id).where('a.replaced_at', 'is', null).executeTakeFirst();
  const canRecord = ARRIVAL_RECORDERS.some((p) => can(actor, p)) && stageAllows('arrival.assess', c);
  return { assessment: row ? presentAssessment(row) : null, canRecord, survey: canRecord ? await latestSurvey(db) : null };
}

/** Records the case's arrival assessment, once (409 when it has one: replace it with a reason). Audited. */
export async function recordArrivalAssessment({ caseId, body }: { caseId: string; body: ArrivalAssessmentBody }, ctx: UseCaseContext) {
  const { actor } = ctx;
  const permission = pick(actor, ARRIVAL_RECORDERS);
  const id = await changeCase(ctx, { caseId, permission }, async ({ trx, case: c, now }) => {
    assertArrived(c);
    const current = await trx.selectFrom('monitoring_arrival_assessment').select('id').where('case_id', '=', c.id).where('replaced_at', 'is', null).executeTakeFirst();
    if (current) throw errors.MONITORING_ARRIVAL_ASSESSMENT_EXISTS({ assessmentId: current.id });
    return insertAssessment(trx, actor, c, body, now, null);
  });
  return presentAssessment(await selectAssessments(ctx.db).where('a.id', '=', id).executeTakeFirstOrThrow());
}

/** Replaces the current assessment (If-Match: its version) with new answers and a reason; the old one stays, marked replaced. */
export async function replaceArrivalAssessment({ assessmentId, expectedVersion, body }: { assessmentId: string; expectedVersion: number; body: ArrivalAssessmentBody & { reason: string } }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  const permission = pick(actor, ARRIVAL_RECORDERS);
  const first = await db.selectFrom('monitoring_arrival_assessment').select('case_id').where('id', '=', assessmentId).executeTakeFirst();
  if (!first) throw errors.MONITORING_ARRIVAL_ASSESSMENT_NOT_FOUND();
  const id = await changeCase(ctx, { caseId: first.case_id, permission }, async ({ trx, case: c, now }) => {
    assertArrived(c);
    const old = await trx.selectFrom('monitoring_arrival_assessment').selectAll().where('id', '=', assessmentId).forUpdate().executeTakeFirstOrThrow();
    if (old.replaced_at) throw errors.MONITORING_ARRIVAL_ASSESSMENT_EXISTS({ assessmentId: old.id }, 'This assessment was already replaced: replace the current one.');
    if (old.version !== expectedVersion) throw staleVersion();
    await trx.updateTable('monitoring_arrival_assessment').set({ replaced_at: now, version: old.version + 1 }).where('id', '=', old.id).execute();
    return insertAssessment(trx, actor, c, body, now, { id: old.id, reason: body.reason, composite: old.composite });
  });
  return presentAssessment(await selectAssessments(db).where('a.id', '=', id).executeTakeFirstOrThrow());
}

async function insertAssessment(trx: Tx, actor: Actor, c: CaseRow, body: ArrivalAssessmentBody, now: Date, replaces: { id: string; reason: string; composite: string | null } | null) {
  const result = await score(trx, body);
  const row = await trx.insertInto('monitoring_arrival_assessment').values({
    case_id: c.id, instrument_version_id: body.instrumentVersionId, assessed_on: body.assessedOn, answers: JSON.stringify(body.answers), result: JSON.stringify(result),
    composite: result.composite, recorded_by: actor.userId, recorder_office_id: actor.officeId, recorded_at: now, replaces_id: replaces?.id ?? null, replace_reason: replaces?.reason ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, auditContextOf(actor), {
    event: replaces ? 'monitoring.arrival_assessment.replaced' : 'monitoring.arrival_assessment.recorded',
    entityType: 'monitoring_arrival_assessment', entityId: row.id, caseId: c.id, officeId: c.office_id,
    ...(replaces ? { before: { assessmentId: replaces.id, composite: replaces.composite } } : {}),
    after: { assessedOn: body.assessedOn, instrumentVersionId: body.instrumentVersionId, composite: result.composite, weakestDimension: weakestDimension(result) },
    ...(replaces ? { details: { reason: replaces.reason } } : {}),
  });
  return row.id;
}
