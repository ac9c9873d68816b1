import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { errors } from './monitoring.errors.js';

/** Follow-ups with their owner's, closer's and referred provider's names, as the case and the worklist show them. */
export const selectFollowUps = (ex: Executor) =>
  ex
    .selectFrom('monitoring_follow_up as f')
    .innerJoin('app_user as u', 'u.id', 'f.owner_id')
    .leftJoin('app_user as d', 'd.id', 'f.done_by')
    .leftJoin('service_provider as p', 'p.id', 'f.referred_provider_id')
    .select([
      'f.id', 'f.case_id', 'f.visit_id', 'f.kind', 'f.trigger_key', 'f.label', 'f.owner_id', 'u.name as owner_name', 'f.due_on', 'f.status', 'f.created_at',
      'f.version', 'f.done_at', 'd.name as done_by_name', 'f.outcome_note', 'f.referred_provider_id', 'p.name as referred_provider_name', 'f.protection_measure', 'f.due_change_reason',
    ]);
export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof selectFollowUps>['executeTakeFirstOrThrow']>>;

export const presentFollowUp = (f: FollowUpRow) => ({
  id: f.id,
  caseId: f.case_id,
  visitId: f.visit_id,
  kind: f.kind as 'follow_up_task' | 'referral',
  triggerKey: f.trigger_key,
  label: f.label as Record<'en' | 'fr' | 'es' | 'ar', string>,
  ownerId: f.owner_id,
  ownerName: f.owner_name,
  dueOn: f.due_on,
  status: f.status as 'open' | 'done',
  createdAt: f.created_at,
  doneAt: f.done_at,
  doneByName: f.done_by_name ?? null,
  outcomeNote: f.outcome_note,
  referredProviderId: f.referred_provider_id,
  referredProviderName: f.referred_provider_name ?? null,
  protectionMeasure: f.protection_measure,
  dueChangeReason: f.due_change_reason,
  version: f.version,
});

/** A follow-up by id (its case is checked by the caller's scope), locked when asked. */
export async function loadFollowUp(ex: Executor, id: string, lock = false) {
  let q = ex.selectFrom('monitoring_follow_up').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw errors.MONITORING_FOLLOW_UP_NOT_FOUND();
  return row;
}

/**
 * Active users of the case's offices (host or origin) holding `monitoring.visit.record` through
 * one of their roles: whom a follow-up may be given to.
 */
export const followUpOfficers = (ex: Executor, officeIds: string[]) =>
  ex
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.active', '=', true)
    .where('u.office_id', 'in', officeIds)
    .where(({ exists, selectFrom }) => exists(
      selectFrom('user_role as ur').innerJoin('role as r', 'r.id', 'ur.role_id').select('ur.user_id')
        .whereRef('ur.user_id', '=', 'u.id').where(sql<boolean>`'monitoring.visit.record' = ANY(r.permissions)`),
    ))
    .orderBy('u.name');
