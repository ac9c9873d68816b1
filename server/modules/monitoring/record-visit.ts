import { LOST_AFTER_NOT_REACHED, type RecordVisitBody } from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { approvedComponents } from '../reintegration/index.js';
import { definitionOf, loadVersion } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';
import { scoreOrRefuse } from './score-answers.js';
import { addDays, dayOf } from './schedules.repo.js';
import { loadVisit } from './visits.repo.js';
import { sealVisitNotes } from './visit-sealing.js';

/** A fired trigger's task is due this many days after the visit is recorded. */
export const FOLLOW_UP_DAYS = 7;
/** After "not reached", the next attempt is planned this many days later. */
export const RETRY_DAYS = 7;

/**
 * Records a planned visit (If-Match: the visit's version): how and when, its outcome, the use of
 * each approved component, sensitive notes, next steps, and the survey's raw answers scored
 * exactly under the published version used. Fired triggers become follow-up tasks or referrals
 * of the recording officer, due in 7 days. Not reached: a new attempt is planned for the same
 * slot, until the third time in a row, when the case is flagged lost to follow-up.
 * `amend` (a record merged after an offline conflict, `apply-offline-record.ts`) replaces the values
 * of a visit already recorded at that version: audited as amended with the values before, its
 * score under that version replaced, follow-ups added only for triggers that had not fired, a new
 * attempt planned only if the outcome became "not reached".
 */
export async function recordVisit({ visitId, expectedVersion, body, amend = false, offline }: {
  visitId: string;
  expectedVersion: number;
  body: RecordVisitBody & { componentUse: { componentKey: string; use: string }[] };
  /** A record merged after an offline conflict replaces the values of a visit already recorded. */
  amend?: boolean;
  /** The offline record this recording applies (kept in the audit event). */
  offline?: { clientId: string; baseVersion: number };
}, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'monitoring.visit.record');
  const { case_id: caseId } = await loadVisit(db, visitId);
  await changeCase(ctx, { caseId, permission: 'monitoring.visit.record' }, async ({ trx, case: c, now }) => {
    const v = await loadVisit(trx, visitId, true);
    if (v.version !== expectedVersion) throw staleVersion();
    const amending = amend && v.status === 'recorded';
    if (v.status !== 'planned' && !amending) throw errors.MONITORING_VISIT_RECORDED({ status: v.status });
    const known = new Set((await approvedComponents(trx, c.id)).map((x) => x.component_key));
    const unknown = body.componentUse.findIndex((u) => !known.has(u.componentKey));
    if (unknown >= 0) throw errors.MONITORING_COMPONENT_UNKNOWN({ field: `componentUse.${unknown}.componentKey`, componentKey: body.componentUse[unknown]!.componentKey });

    let scored: ReturnType<typeof scoreOrRefuse> | null = null;
    let definition = null;
    if (body.instrumentVersionId && body.answers) {
      const version = await loadVersion(trx, body.instrumentVersionId);
      if (version.status !== 'published') throw errors.MONITORING_VERSION_NOT_PUBLISHED({ field: 'instrumentVersionId' });
      definition = definitionOf(version);
      scored = scoreOrRefuse(definition, body.answers);
    }
    await trx.updateTable('monitoring_visit').set({
      status: 'recorded', method: body.method, visited_on: body.visitedOn, outcome: body.outcome, not_reached_reason: body.notReachedReason ?? null,
      component_use: JSON.stringify(body.componentUse), sensitive_notes: await sealVisitNotes(trx, c.principal_person_id, body.sensitiveNotes), next_steps: body.nextSteps ?? null,
      instrument_version_id: body.instrumentVersionId ?? null, answers: body.answers ? JSON.stringify(body.answers) : null,
      recorded_by: actor.userId, recorder_office_id: actor.officeId, recorded_at: now, updated_at: now, version: v.version + 1,
    }).where('id', '=', v.id).execute();
    if (scored && body.instrumentVersionId) {
      const score = { result: JSON.stringify(scored), composite: scored.composite, computed_by: actor.userId, computed_at: now };
      // An amended visit answered under the same version again: its score under that version is replaced.
      await trx.insertInto('monitoring_visit_score').values({ visit_id: v.id, instrument_version_id: body.instrumentVersionId, ...score })
        .onConflict((oc) => oc.columns(['visit_id', 'instrument_version_id']).doUpdateSet(score)).execute();
    }
    await audit(trx, auditContextOf(actor), {
      event: amending ? 'monitoring.visit.amended' : 'monitoring.visit.recorded', entityType: 'monitoring_visit', entityId: v.id, caseId: c.id, officeId: c.office_id,
      before: amending ? {
        status: 'recorded', method: v.method, visitedOn: v.visited_on, outcome: v.outcome, notReachedReason: v.not_reached_reason, componentUse: v.component_use,
        sensitiveNotes: v.sensitive_notes !== null, instrumentVersionId: v.instrument_version_id,
      } : { status: 'planned' },
      ...(offline ? { details: { offlineClientId: offline.clientId, offlineBaseVersion: offline.baseVersion } } : {}),
      after: {
        status: 'recorded', method: body.method, visitedOn: body.visitedOn, outcome: body.outcome, notReachedReason: body.notReachedReason ?? null,
        componentUse: body.componentUse, sensitiveNotes: body.sensitiveNotes !== undefined, instrumentVersionId: body.instrumentVersionId ?? null,
        composite: scored?.composite ?? null, triggers: scored?.triggers.map((t) => t.key) ?? [],
      },
    });

    if (scored && definition) {
      // An amendment adds the follow-ups of triggers that had not fired for this visit before.
      const followed = new Set(amending
        ? (await trx.selectFrom('monitoring_follow_up').select('trigger_key').where('visit_id', '=', v.id).execute()).map((f) => f.trigger_key)
        : []);
      for (const fired of scored.triggers.filter((t) => !followed.has(t.key))) {
        const trigger = definition.triggers.find((t) => t.key === fired.key)!;
        const row = await trx.insertInto('monitoring_follow_up').values({
          case_id: c.id, visit_id: v.id, kind: fired.action, trigger_key: fired.key, label: JSON.stringify(trigger.label), owner_id: actor.userId, due_on: addDays(dayOf(now), FOLLOW_UP_DAYS),
        }).returning('id').executeTakeFirstOrThrow();
        await audit(trx, auditContextOf(actor), {
          event: 'monitoring.follow_up.created', entityType: 'monitoring_follow_up', entityId: row.id, caseId: c.id, officeId: c.office_id,
          after: { kind: fired.action, trigger: fired.key, visitId: v.id, dueOn: addDays(dayOf(now), FOLLOW_UP_DAYS) },
        });
      }
    }
    if (body.outcome === 'not_reached' && !(amending && v.outcome === 'not_reached')) await afterNotReached(trx, ctx, c, v, body.visitedOn, now);
  });
}

async function afterNotReached(trx: Tx, ctx: UseCaseContext, c: { id: string; office_id: string }, v: { slot: number; offset_months: number; officer_id: string | null }, visitedOn: string, now: Date) {
  const recent = await trx.selectFrom('monitoring_visit').select('outcome').where('case_id', '=', c.id).where('status', '=', 'recorded')
    .orderBy('recorded_at', 'desc').orderBy('visited_on', 'desc').limit(LOST_AFTER_NOT_REACHED).execute();
  const inARow = recent.length === LOST_AFTER_NOT_REACHED && recent.every((r) => r.outcome === 'not_reached');
  if (!inARow) {
    await trx.insertInto('monitoring_visit').values({
      case_id: c.id, slot: v.slot, offset_months: v.offset_months, planned_on: addDays(visitedOn, RETRY_DAYS), officer_id: v.officer_id, updated_at: now,
    }).execute();
    return;
  }
  const cancelled = await trx.updateTable('monitoring_visit').set({ status: 'cancelled', updated_at: now })
    .where('case_id', '=', c.id).where('status', '=', 'planned').returning('id').execute();
  await trx.updateTable('monitoring_schedule').set((eb) => ({ lost_to_follow_up_at: now, updated_at: now, version: eb('version', '+', 1) })).where('case_id', '=', c.id).execute();
  await audit(trx, auditContextOf(ctx.actor), {
    event: 'monitoring.case.lost_to_follow_up', entityType: 'monitoring_schedule', entityId: c.id, caseId: c.id, officeId: c.office_id,
    after: { lostToFollowUp: true, notReachedInARow: LOST_AFTER_NOT_REACHED }, details: { cancelledVisits: cancelled.map((x) => x.id) },
  });
}
