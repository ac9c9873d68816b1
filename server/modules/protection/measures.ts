import { sql } from 'kysely';
import type { MeasureInput, MeasurePatch } from '../../../shared/schemas/protection.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, caseScope, findCase } from '../cases/index.js';
import { todayOf } from './present.js';
import { checkCaseStaff } from './restriction.js';
import { loadMeasure, protectionPresenter, requireMember } from './screening.js';
import { errors } from './protection.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/** One measure as the actor reads it (after a write). */
async function presentOne(db: Db, actor: Actor, caseId: string, id: string, clock: Clock) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const m = await loadMeasure(db, caseId, id);
  return (await protectionPresenter(db, actor, c, todayOf(clock.now()))).measure(m!);
}

/** A measure added by hand (owner: the case owner unless another is chosen). */
export async function addMeasure(actor: Actor, caseId: string, input: MeasureInput, { db, clock }: Deps) {
  requirePermission(actor, 'vulnerability.write');
  const id = await changeCase({ actor, db, clock }, { caseId, permission: 'vulnerability.write' }, async ({ trx, case: c }) => {
    await requireMember(trx, caseId, input.personId);
    if (input.vulnerabilityId) {
      const v = await trx.selectFrom('vulnerability').select('person_id').where('id', '=', input.vulnerabilityId).where('case_id', '=', caseId).executeTakeFirst();
      if (!v || v.person_id !== input.personId) throw platformErrors.VALIDATION_FAILED({ field: 'vulnerabilityId' }, 'The vulnerability is not this member’s.');
    }
    const ownerId = input.ownerId ?? c.owner_id;
    if (input.ownerId) await checkCaseStaff(trx, c, input.ownerId, 'ownerId');
    if (input.kind === 'other' && !input.title) throw platformErrors.VALIDATION_FAILED({ field: 'title' }, 'Give the measure a title.');
    const now = clock.now();
    const row = await trx
      .insertInto('special_measure')
      .values({
        case_id: caseId, person_id: input.personId, vulnerability_id: input.vulnerabilityId ?? null, kind: input.kind, title: input.title || null,
        owner_id: ownerId, due_on: input.dueOn ?? null, notes: input.notes || null, created_at: now, updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'special_measure.created', entityType: 'special_measure', entityId: row.id, caseId, officeId: c.office_id, after: { ...input, ownerId } });
    return row.id;
  });
  return presentOne(db, actor, caseId, id, clock);
}

/** Edits a measure's owner, due date, status, title or notes (If-Match). */
export async function updateMeasure(actor: Actor, caseId: string, id: string, expectedVersion: number, patch: MeasurePatch, { db, clock }: Deps) {
  requirePermission(actor, 'vulnerability.write');
  await changeCase({ actor, db, clock }, { caseId, permission: 'vulnerability.write' }, async ({ trx, case: c }) => {
    const m = await trx.selectFrom('special_measure').selectAll().where('case_id', '=', caseId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!m) throw errors.MEASURE_NOT_FOUND();
    if (m.version !== expectedVersion) throw staleVersion();
    if (patch.ownerId && patch.ownerId !== m.owner_id) await checkCaseStaff(trx, c, patch.ownerId, 'ownerId');
    const before = { title: m.title, ownerId: m.owner_id, dueOn: m.due_on, status: m.status, notes: m.notes };
    const after = {
      title: patch.title === undefined ? m.title : patch.title || null,
      ownerId: patch.ownerId === undefined ? m.owner_id : patch.ownerId,
      dueOn: patch.dueOn === undefined ? m.due_on : patch.dueOn,
      status: patch.status ?? m.status,
      notes: patch.notes === undefined ? m.notes : patch.notes || null,
    };
    if (m.kind === 'other' && !after.title) throw platformErrors.VALIDATION_FAILED({ field: 'title' }, 'Give the measure a title.');
    const diff = changedFields(before, after);
    if (!Object.keys(diff.after).length) return;
    const now = clock.now();
    const completedAt = after.status === 'done' ? (m.status === 'done' ? m.completed_at : now) : null;
    await trx.updateTable('special_measure')
      .set({ title: after.title, owner_id: after.ownerId, due_on: after.dueOn, status: after.status, notes: after.notes, completed_at: completedAt, version: m.version + 1, updated_at: now })
      .where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'special_measure.updated', entityType: 'special_measure', entityId: id, caseId, officeId: c.office_id, ...diff });
  });
  return presentOne(db, actor, caseId, id, clock);
}

/** Open measures the actor owns, in cases the actor may read: overdue first, then by due date. */
export async function myTasks(actor: Actor, { db, clock }: Deps) {
  requirePermission(actor, 'case.read');
  const today = todayOf(clock.now());
  const rows = await db
    .selectFrom('special_measure as m')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('app_user as ow', 'ow.id', 'm.owner_id')
    .leftJoin('vulnerability as mv', 'mv.id', 'm.vulnerability_id')
    .select([
      'm.id', 'm.version', 'm.case_id', 'm.person_id', 'm.vulnerability_id', 'm.kind', 'm.title', 'm.owner_id', 'ow.name as owner_name', 'm.due_on',
      'm.status', 'm.notes', 'm.completed_at', 'mv.category as vulnerability_category', 'c.case_number', 'c.restricted', 'c.office_id', 'c.origin_office_id',
      'p.given_name', 'p.family_name',
    ])
    .where('m.owner_id', '=', actor.userId)
    .where('m.status', 'in', ['open', 'in_progress'])
    .where(caseScope(actor, 'case.read'))
    .orderBy(sql`(m.due_on IS NOT NULL AND m.due_on < ${today}::date)`, 'desc')
    .orderBy('m.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('c.case_number')
    .orderBy('m.id')
    .limit(500)
    .execute();
  // Each case's measures are presented for the actor's audience in that case (origin office: consent).
  const presenters = new Map<string, Awaited<ReturnType<typeof protectionPresenter>>>();
  for (const r of rows) {
    if (!presenters.has(r.case_id)) presenters.set(r.case_id, await protectionPresenter(db, actor, { id: r.case_id, office_id: r.office_id, origin_office_id: r.origin_office_id }, today));
  }
  return {
    items: rows.map((r) => ({
      ...presenters.get(r.case_id)!.measure(r),
      caseNumber: r.case_number,
      restricted: r.restricted,
      person: { givenName: r.given_name, familyName: r.family_name },
    })),
  };
}
