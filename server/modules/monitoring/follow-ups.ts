import type { CompleteFollowUpBody } from '../../../shared/schemas/monitoring.js';
import { can } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase, findCase, type CaseRow } from '../cases/index.js';
import { assertProviderUsable } from '../providers/index.js';
import { followUpOfficers, loadFollowUp, presentFollowUp, selectFollowUps } from './follow-ups.repo.js';
import { errors } from './monitoring.errors.js';

/** Who changes a follow-up: its owner (who records visits) or a manager of the case's office (`case.close`). */
export const FOLLOW_UP_CHANGERS = ['monitoring.visit.record', 'case.close'] as const;

type FollowUpRowLocked = Awaited<ReturnType<typeof loadFollowUp>>;

/**
 * Runs a change of an open follow-up in the case's transaction (the case row locked, read in the
 * actor's scope: 404 outside it): only its owner or a manager of the case's office; done once
 * (409), then If-Match (412 when stale).
 */
async function changeFollowUp<T>(ctx: UseCaseContext, followUpId: string, expectedVersion: number,
  change: (w: { trx: Tx; case: CaseRow; f: FollowUpRowLocked; now: Date }) => Promise<T>) {
  const { actor, db } = ctx;
  if (!FOLLOW_UP_CHANGERS.some((p) => can(actor, p))) throw platformErrors.FORBIDDEN({ permission: [...FOLLOW_UP_CHANGERS] });
  const first = await loadFollowUp(db, followUpId);
  const owner = first.owner_id === actor.userId && can(actor, 'monitoring.visit.record');
  const permission = owner ? 'monitoring.visit.record' : 'case.close';
  if (!can(actor, permission)) {
    // Not the owner: the follow-up exists only if its case is in the actor's reach.
    await findCase(db, actor, first.case_id, 'monitoring.visit.record');
    throw errors.MONITORING_FOLLOW_UP_NOT_YOURS();
  }
  return changeCase(ctx, { caseId: first.case_id, permission }, async ({ trx, case: c, now }) => {
    const f = await loadFollowUp(trx, followUpId, true);
    if (f.status === 'done') throw errors.MONITORING_FOLLOW_UP_DONE({ doneAt: f.done_at });
    if (f.version !== expectedVersion) throw staleVersion();
    return change({ trx, case: c, f, now });
  });
}

const reread = async (ctx: UseCaseContext, id: string) => presentFollowUp(await selectFollowUps(ctx.db).where('f.id', '=', id).executeTakeFirstOrThrow());

/**
 * Marks a follow-up done with its outcome; a referral names the provider referred to (a vetted
 * provider of the registry within the actor's reach) or the protection measure taken. Once.
 */
export async function completeFollowUp({ followUpId, expectedVersion, body }: { followUpId: string; expectedVersion: number; body: CompleteFollowUpBody }, ctx: UseCaseContext) {
  const { actor } = ctx;
  await changeFollowUp(ctx, followUpId, expectedVersion, async ({ trx, case: c, f, now }) => {
    const target = body.referredProviderId !== undefined || body.protectionMeasure !== undefined;
    if (f.kind === 'referral' && !target) throw errors.MONITORING_REFERRAL_INCOMPLETE({ field: 'referredProviderId' });
    if (f.kind !== 'referral' && target) throw errors.MONITORING_REFERRAL_INCOMPLETE({ field: 'referredProviderId' }, 'Only a referral names a provider or a protection measure.');
    if (body.referredProviderId) await assertProviderUsable(trx, actor, body.referredProviderId);
    await trx.updateTable('monitoring_follow_up').set({
      status: 'done', done_at: now, done_by: actor.userId, outcome_note: body.outcomeNote,
      referred_provider_id: body.referredProviderId ?? null, protection_measure: body.protectionMeasure ?? null, updated_at: now, version: f.version + 1,
    }).where('id', '=', f.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.follow_up.done', entityType: 'monitoring_follow_up', entityId: f.id, caseId: c.id, officeId: c.office_id,
      before: { status: 'open' },
      after: { status: 'done', outcomeNote: body.outcomeNote, referredProviderId: body.referredProviderId ?? null, protectionMeasure: body.protectionMeasure ?? null },
    });
  });
  return reread(ctx, followUpId);
}

/** Gives a follow-up to another officer of the case's office (host or origin) who records visits. */
export async function reassignFollowUp({ followUpId, expectedVersion, ownerId }: { followUpId: string; expectedVersion: number; ownerId: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  await changeFollowUp(ctx, followUpId, expectedVersion, async ({ trx, case: c, f, now }) => {
    const offices = [c.office_id, c.origin_office_id].filter((o): o is string => !!o);
    const officer = await followUpOfficers(trx, offices).where('u.id', '=', ownerId).executeTakeFirst();
    if (!officer) throw errors.MONITORING_OWNER_INVALID({ field: 'ownerId' });
    await trx.updateTable('monitoring_follow_up').set({ owner_id: ownerId, updated_at: now, version: f.version + 1 }).where('id', '=', f.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.follow_up.reassigned', entityType: 'monitoring_follow_up', entityId: f.id, caseId: c.id, officeId: c.office_id,
      before: { ownerId: f.owner_id }, after: { ownerId },
    });
  });
  return reread(ctx, followUpId);
}

/** Moves a follow-up's due date, with the reason kept and audited. */
export async function rescheduleFollowUp({ followUpId, expectedVersion, dueOn, reason }: { followUpId: string; expectedVersion: number; dueOn: string; reason: string }, ctx: UseCaseContext) {
  const { actor } = ctx;
  await changeFollowUp(ctx, followUpId, expectedVersion, async ({ trx, case: c, f, now }) => {
    await trx.updateTable('monitoring_follow_up').set({ due_on: dueOn, due_change_reason: reason, updated_at: now, version: f.version + 1 }).where('id', '=', f.id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.follow_up.rescheduled', entityType: 'monitoring_follow_up', entityId: f.id, caseId: c.id, officeId: c.office_id,
      before: { dueOn: f.due_on }, after: { dueOn }, details: { reason },
    });
  });
  return reread(ctx, followUpId);
}

/** The officers a follow-up of the case may be given to. */
export async function listFollowUpOfficers({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  const permission = FOLLOW_UP_CHANGERS.find((p) => can(actor, p));
  if (!permission) throw platformErrors.FORBIDDEN({ permission: [...FOLLOW_UP_CHANGERS] });
  const c = await findCase(db, actor, caseId, permission);
  const items = await followUpOfficers(db, [c.office_id, c.origin_office_id].filter((o): o is string => !!o)).execute();
  return { items };
}
