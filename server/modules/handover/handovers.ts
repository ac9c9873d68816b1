import { sql } from 'kysely';
import { HANDOVER_FROM_STAGES, type SendHandoverInput } from '../../../shared/schemas/handover.js';
import { can, requirePermission, scopeFor, type Actor, type Clock } from '../../platform/actor.js';
import type { Scope } from '../../../shared/access.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, findCase, takeCaseAtOrigin } from '../cases/index.js';
import { insertConsent } from './consent.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

const NO_OFFICE = '00000000-0000-0000-0000-000000000000';
export const handoverNotFound = () => errors.HANDOVER_NOT_FOUND();

/** The condition on `handover AS h` for a receiving office within a scope of the actor's. */
function toOfficeIn(actor: Actor, scope: Scope) {
  if (scope === 'all') return sql<boolean>`true`;
  if (scope === 'organisation') return sql<boolean>`h.to_office_id IN (SELECT id FROM office WHERE organisation_id = ${actor.organisationId})`;
  return sql<boolean>`h.to_office_id = ${actor.officeId ?? NO_OFFICE}`;
}

/**
 * The condition on `handover AS h` (joined to `return_case AS c`) for the handovers an actor
 * receives: those sent to offices in its scope. A restricted case (a victim of trafficking, an
 * unaccompanied or separated child) is received only by the officer the sender named, staff
 * assigned to the case, and supervisors (case.restricted) of the receiving office; for everyone
 * else the handover does not exist (404, never listed).
 */
export function incomingScope(actor: Actor) {
  const supervisor = can(actor, 'case.restricted') ? toOfficeIn(actor, scopeFor(actor, 'case.restricted')) : sql<boolean>`false`;
  return sql<boolean>`(${toOfficeIn(actor, scopeFor(actor, 'handover.receive'))} AND (NOT c.restricted
    OR h.receiving_officer_id = ${actor.userId}
    OR EXISTS (SELECT 1 FROM case_assignment ca WHERE ca.case_id = c.id AND ca.user_id = ${actor.userId})
    OR ${supervisor}))`;
}

/** Active users of an office who may receive handovers: the officers a sender may name. */
export const receivingOfficers = (ex: Executor, officeId: string) =>
  ex
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name'])
    .where('u.office_id', '=', officeId)
    .where('u.active', '=', true)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.id = ur.role_id WHERE ur.user_id = u.id AND 'handover.receive' = ANY(r.permissions))`)
    .orderBy('u.name')
    .execute();

function handoverQuery(ex: Executor) {
  return ex
    .selectFrom('handover as h')
    .innerJoin('return_case as c', 'c.id', 'h.case_id')
    .innerJoin('office as fo', 'fo.id', 'h.from_office_id')
    .innerJoin('office as tof', 'tof.id', 'h.to_office_id')
    .innerJoin('app_user as s', 's.id', 'h.sent_by')
    .leftJoin('app_user as d', 'd.id', 'h.decided_by')
    .leftJoin('app_user as ro', 'ro.id', 'h.receiving_officer_id')
    .select([
      'h.id', 'h.case_id', 'c.case_number', 'c.country_of_return', 'h.from_office_id', 'fo.name as from_office_name', 'h.to_office_id', 'tof.name as to_office_name',
      'h.purpose', 'h.from_stage', 'h.note', 'h.status', 'h.sent_at', 's.name as sent_by_name', 'h.decided_at', 'd.name as decided_by_name',
      'h.decline_reason', 'h.version', 'h.receiving_officer_id', 'ro.name as receiving_officer_name', 'c.restricted',
    ]);
}
type HandoverRow = Awaited<ReturnType<ReturnType<typeof handoverQuery>['executeTakeFirstOrThrow']>>;

export const presentHandover = (h: HandoverRow) => ({
  id: h.id,
  caseId: h.case_id,
  caseNumber: h.case_number,
  countryOfReturn: h.country_of_return,
  fromOfficeId: h.from_office_id,
  fromOfficeName: h.from_office_name,
  toOfficeId: h.to_office_id,
  toOfficeName: h.to_office_name,
  purpose: h.purpose,
  fromStage: h.from_stage,
  note: h.note,
  status: h.status,
  sentAt: new Date(h.sent_at).toISOString(),
  sentByName: h.sent_by_name,
  decidedAt: h.decided_at ? new Date(h.decided_at).toISOString() : null,
  decidedByName: h.decided_by_name,
  declineReason: h.decline_reason,
  receivingOfficerId: h.receiving_officer_id,
  receivingOfficerName: h.receiving_officer_name,
  restricted: h.restricted,
  version: h.version,
});

export async function handoversOfCase(ex: Executor, caseId: string) {
  const rows = await handoverQuery(ex).where('h.case_id', '=', caseId).orderBy('h.sent_at', 'desc').execute();
  return rows.map(presentHandover);
}

/** The handover an actor receives, or 404. */
export async function findIncoming(ex: Executor, actor: Actor, id: string, lock = false) {
  let q = handoverQuery(ex).where('h.id', '=', id).where(incomingScope(actor));
  if (lock) q = q.forUpdate('h');
  const row = await q.executeTakeFirst();
  if (!row) throw handoverNotFound();
  return row;
}

/**
 * The host office hands the case to the origin office in the country of return, for a stated
 * purpose, with the returnee's consent to share recorded for that purpose. Allowed once the case
 * is approved: during travel preparation or after departure.
 */
export async function sendHandover(actor: Actor, caseId: string, input: SendHandoverInput, { db, clock }: Deps) {
  requirePermission(actor, 'handover.send');
  return changeCase({ actor, db, clock }, { caseId, permission: 'handover.send' }, async ({ trx, case: c }) => {
    if (actor.officeId !== c.office_id) throw platformErrors.FORBIDDEN(undefined, 'Only the case’s own office hands it over.');
    if (c.kind !== 'voluntary_return') throw errors.HANDOVER_NOT_APPLICABLE();
    if (!(HANDOVER_FROM_STAGES as readonly string[]).includes(c.stage)) {
      throw errors.HANDOVER_STAGE_INVALID({ stage: c.stage, allowed: HANDOVER_FROM_STAGES });
    }
    const office = await trx.selectFrom('office').select(['id', 'kind', 'country_code']).where('id', '=', input.toOfficeId).executeTakeFirst();
    if (!office) throw platformErrors.OFFICE_NOT_FOUND({ field: 'toOfficeId' });
    if (office.kind !== 'origin') throw errors.HANDOVER_OFFICE_INVALID({ field: 'toOfficeId' });
    if (office.country_code !== c.country_of_return) {
      throw errors.HANDOVER_OFFICE_INVALID({ field: 'toOfficeId' }, 'The office is not in the case’s country of return.');
    }
    // A restricted case goes to a named officer of the receiving office, who may receive handovers.
    if (c.restricted && !input.receivingOfficerId) {
      throw errors.HANDOVER_RECEIVER_REQUIRED({ field: 'receivingOfficerId' });
    }
    if (input.receivingOfficerId && !(await receivingOfficers(trx, office.id)).some((u) => u.id === input.receivingOfficerId)) {
      throw errors.HANDOVER_RECEIVER_INVALID({ field: 'receivingOfficerId' });
    }
    const open = await trx.selectFrom('handover').select(['id', 'status']).where('case_id', '=', c.id).where('status', 'in', ['pending', 'accepted']).executeTakeFirst();
    if (open) throw errors.HANDOVER_ALREADY_OPEN({ handoverId: open.id, status: open.status }, open.status === 'pending' ? 'A handover of this case is waiting for an answer.' : 'The case has already been handed over.');
    const now = clock.now();
    await insertConsent(trx, actor, c, { ...input.consent, purpose: input.purpose }, now);
    const row = await trx
      .insertInto('handover')
      .values({
        case_id: c.id, from_office_id: c.office_id, to_office_id: office.id, purpose: input.purpose, from_stage: c.stage,
        note: input.note || null, receiving_officer_id: input.receivingOfficerId ?? null, sent_by: actor.userId, sent_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'handover.sent', entityType: 'handover', entityId: row.id, caseId: c.id, officeId: c.office_id,
      after: { toOfficeId: office.id, purpose: input.purpose, fromStage: c.stage, note: input.note ?? null, receivingOfficerId: input.receivingOfficerId ?? null },
    });
    return presentHandover(await handoverQuery(trx).where('h.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

/** Handovers sent to the actor's office (in its scope), those waiting for an answer first. */
export async function listIncoming(actor: Actor, status: string | undefined, { db }: { db: Db }) {
  requirePermission(actor, 'handover.receive');
  let q = handoverQuery(db).where(incomingScope(actor));
  if (status) q = q.where('h.status', '=', status as 'pending');
  const rows = await q
    .orderBy(sql`CASE h.status WHEN 'pending' THEN 0 ELSE 1 END`)
    .orderBy('h.sent_at', 'desc')
    .limit(200)
    .execute();
  return { items: rows.map(presentHandover) };
}

export async function acceptHandover(actor: Actor, id: string, expected: number, { db, clock }: Deps) {
  requirePermission(actor, 'handover.receive');
  await db.transaction().execute(async (trx) => {
    const h = await findIncoming(trx, actor, id, true);
    if (h.version !== expected) throw staleVersion();
    if (h.status !== 'pending') throw errors.HANDOVER_NOT_PENDING({ status: h.status });
    const c = await trx.selectFrom('return_case').select(['id', 'origin_office_id', 'version', 'office_id', 'restricted']).where('id', '=', h.case_id).forUpdate().executeTakeFirstOrThrow();
    const now = clock.now();
    await trx.updateTable('handover').set({ status: 'accepted', decided_by: actor.userId, decided_at: now, version: h.version + 1 }).where('id', '=', h.id).execute();
    // From now on both offices see the case within their roles; the origin office owns its reintegration.
    await takeCaseAtOrigin(trx, actor, c, h.to_office_id, now);
    await audit(trx, auditContextOf(actor), {
      event: 'handover.accepted', entityType: 'handover', entityId: h.id, caseId: c.id, officeId: h.to_office_id,
      before: { status: 'pending' }, after: { status: 'accepted' },
    });
    // A restricted case (a victim of trafficking, an unaccompanied child) is seen only by its
    // assigned staff and supervisors: whoever accepts it at the origin office is assigned to it,
    // and so is the officer the sender named (when a supervisor accepts for them).
    if (c.restricted) {
      for (const userId of [...new Set([actor.userId, h.receiving_officer_id].filter((u): u is string => !!u))]) {
        const added = await trx
          .insertInto('case_assignment')
          .values({ case_id: c.id, user_id: userId, assigned_by: actor.userId, assigned_at: now })
          .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
          .returning('user_id')
          .executeTakeFirst();
        if (added) {
          await audit(trx, auditContextOf(actor), {
            event: 'case.assignment.changed', entityType: 'case', entityId: c.id, caseId: c.id, officeId: h.to_office_id,
            after: { added: userId }, details: { reason: 'handover accepted' },
          });
        }
      }
    }
  });
  return presentHandover(await findIncoming(db, actor, id));
}

export async function declineHandover(actor: Actor, id: string, expected: number, reason: string, { db, clock }: Deps) {
  requirePermission(actor, 'handover.receive');
  if (!reason.trim()) throw errors.HANDOVER_DECLINE_REASON_REQUIRED({ field: 'reason' });
  await db.transaction().execute(async (trx) => {
    const h = await findIncoming(trx, actor, id, true);
    if (h.version !== expected) throw staleVersion();
    if (h.status !== 'pending') throw errors.HANDOVER_NOT_PENDING({ status: h.status });
    await trx
      .updateTable('handover')
      .set({ status: 'declined', decided_by: actor.userId, decided_at: clock.now(), decline_reason: reason.trim(), version: h.version + 1 })
      .where('id', '=', h.id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'handover.declined', entityType: 'handover', entityId: h.id, caseId: h.case_id, officeId: h.to_office_id,
      before: { status: 'pending' }, after: { status: 'declined', reason: reason.trim() },
    });
  });
  return presentHandover(await findIncoming(db, actor, id));
}
