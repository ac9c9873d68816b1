import type { Stage } from '../../../shared/cases.js';
import { can, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor, Tx } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { ASSISTANCE_STAGES, findTransition, type CaseAction, type GuardContext, type MoveContext } from './case-workflow.js';
import { changeCase } from './change-case.js';
import { findCase, stageBeforeSuspension } from './cases.repo.js';
import { readCase } from './open-case.js';
import { errors } from './cases.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

type MovingCase = { id: string; kind: 'voluntary_return' | 'post_arrival'; stage: string; admission_date: string | null };

async function checkMove(ex: Executor, actor: Actor, c: MovingCase, to: Stage, reason: string | undefined, action: CaseAction | null, now: Date) {
  const ctx: MoveContext = {
    kind: c.kind,
    stage: c.stage as Stage,
    stageBeforeSuspension: c.stage === 'suspended' ? ((await stageBeforeSuspension(ex, c.id)) as Stage | null) : null,
    admissionDate: c.admission_date,
    on: now.toISOString().slice(0, 10),
  };
  const tr = findTransition(ctx, to);
  if (!tr) {
    throw errors.CASE_STAGE_TRANSITION_INVALID({ from: c.stage, to }, `A case cannot move from ${c.stage} to ${to}.`);
  }
  if (tr.via && tr.via !== action) {
    throw errors.CASE_TRANSITION_NEEDS_ACTION({ from: c.stage, to, action: tr.via }, `This move is made by recording the ${tr.via}, not as a plain stage change.`);
  }
  if (!can(actor, tr.permission)) throw platformErrors.FORBIDDEN({ permission: tr.permission }, 'You do not have the permission for this move.');
  if (tr.reasonRequired && !reason) throw errors.CASE_TRANSITION_REASON_REQUIRED({ field: 'reason' });
  const refusal = tr.guard?.(ctx);
  if (refusal) throw errors[refusal.code]({ from: c.stage, to, ...refusal.details }, refusal.message);
}

/**
 * Moves a case to another stage: checked before the transaction (fast, clear refusal) and again
 * inside it with the case row locked, then kept as history and audited.
 */
export async function transitionCase(input: { caseId: string; expectedVersion: number; to: Stage; reason?: string }, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  const reason = input.reason?.trim() || undefined;
  await checkMove(db, actor, await findCase(db, actor, input.caseId, 'case.read'), input.to, reason, null, clock.now());
  await changeCase(ctx, { caseId: input.caseId, expectedVersion: input.expectedVersion, permission: 'case.read' }, ({ move }) => move(input.to, null, reason));
  return readCase(db, actor, input.caseId);
}

async function applyMove(trx: Tx, actor: Actor, c: { id: string; stage: string; version: number; office_id: string }, to: Stage, reason: string | undefined, now: Date) {
  await trx
    .updateTable('return_case')
    // The departure day is a counted fact of the statistics (migration 0036).
    // The approval day, shown with the case (migration 0084): resuming a case suspended after its approval keeps it.
    .set({
      stage: to, stage_changed_at: now, version: c.version + 1, updated_at: now,
      ...(to === 'departed' ? { departed_on: now.toISOString().slice(0, 10) } : {}),
      ...(to === 'approved' && c.stage !== 'suspended' ? { approved_on: now.toISOString().slice(0, 10) } : {}),
    })
    .where('id', '=', c.id)
    .execute();
  await trx.insertInto('stage_transition').values({ case_id: c.id, from_stage: c.stage, to_stage: to, reason: reason ?? null, actor_id: actor.userId, at: now }).execute();
  await audit(trx, auditContextOf(actor), {
    event: 'case.stage.changed',
    entityType: 'case',
    entityId: c.id,
    caseId: c.id,
    officeId: c.office_id,
    before: { stage: c.stage },
    after: { stage: to },
    details: reason ? { reason } : undefined,
  });
}

/**
 * The stage move of an action (decision, application, withdrawal, departure, arrival; `null` for the
 * generic stage change), inside the action's own transaction: the caller has locked the case row (`findCase(trx, ..., true)`) and
 * checked the version. Checks the workflow table, the permission and the reason, then records
 * the move, its history and its audit event, and bumps the case's version.
 */
export async function moveCase(
  trx: Tx,
  actor: Actor,
  c: MovingCase & { version: number; office_id: string },
  to: Stage,
  action: CaseAction | null,
  reason: string | undefined,
  now: Date,
) {
  await checkMove(trx, actor, c, to, reason, action, now);
  await applyMove(trx, actor, c, to, reason, now);
}

/** Whether the workflow allows the move for the action from the case's stage (no permission check). */
export async function canMove(ex: Executor, c: { id: string; kind: 'voluntary_return' | 'post_arrival'; stage: string }, to: Stage, action: CaseAction) {
  const ctx: GuardContext = {
    kind: c.kind,
    stage: c.stage as Stage,
    stageBeforeSuspension: c.stage === 'suspended' ? ((await stageBeforeSuspension(ex, c.id)) as Stage | null) : null,
  };
  const tr = findTransition(ctx, to);
  return !!tr && tr.via === action;
}

/**
 * An admission date recorded after the case entered reintegration or monitoring would put
 * assistance before admission: refused (409 `CASE_BEFORE_ADMISSION`). For the admission date use
 * case, with the case row locked.
 */
export async function checkAdmittedBeforeAssistance(ex: Executor, caseId: string, admissionDate: string) {
  const first = await ex
    .selectFrom('stage_transition')
    .select((eb) => eb.fn.min('at').as('at'))
    .where('case_id', '=', caseId)
    .where('to_stage', 'in', [...ASSISTANCE_STAGES])
    .executeTakeFirst();
  if (!first?.at) return;
  const startedOn = new Date(first.at).toISOString().slice(0, 10);
  if (admissionDate > startedOn) {
    throw errors.CASE_BEFORE_ADMISSION({
      field: 'admissionDate', assistanceStartedOn: startedOn,
    }, `Assistance started on ${startedOn}: the person was admitted into the country on or before that date.`);
  }
}
