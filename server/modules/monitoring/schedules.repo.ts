import { DEFAULT_SCHEDULE } from '../../../shared/schemas/monitoring.js';
import type { Actor } from '../../platform/actor.js';
import { audit, auditContextOf, type AuditContext } from '../../platform/audit.js';
import { caseScope } from '../cases/index.js';
import type { Db, Executor, Tx } from '../../platform/db.js';

/** The stages in which a case has a monitoring schedule. */
export const MONITORED_STAGES = ['reintegration', 'monitoring'] as const;

/** `YYYY-MM-DD` plus whole months; the day is kept, or the month's last day when it has fewer. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** A project's schedule, or the default when the project has none. */
export async function projectSchedule(ex: Executor, projectId: string | null) {
  const row = projectId
    ? await ex.selectFrom('monitoring_project_schedule').select(['anchor', 'offsets_months', 'version']).where('project_id', '=', projectId).executeTakeFirst()
    : undefined;
  return row
    ? { anchor: row.anchor as 'arrival' | 'last_disbursement', offsetsMonths: row.offsets_months, isDefault: false, version: row.version }
    : { anchor: DEFAULT_SCHEDULE.anchor, offsetsMonths: [...DEFAULT_SCHEDULE.offsetsMonths], isDefault: true, version: 0 };
}

/**
 * The day a schedule counts from: the arrival (the recorded arrival, else the admission of a
 * post-arrival case, else today), or the last disbursement not reversed (else the arrival).
 */
export async function anchorDate(ex: Executor, caseId: string, anchor: string, now: Date): Promise<string> {
  if (anchor === 'last_disbursement') {
    const last = await ex
      .selectFrom('disbursement as d')
      .select((eb) => eb.fn.max('d.paid_on').as('paid_on'))
      .where('d.case_id', '=', caseId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('disbursement_reversal as r').select('r.disbursement_id').whereRef('r.disbursement_id', '=', 'd.id'))))
      .executeTakeFirst();
    if (last?.paid_on) return String(last.paid_on);
  }
  const arrival = await ex.selectFrom('arrival').select('arrived_on').where('case_id', '=', caseId).executeTakeFirst();
  if (arrival) return arrival.arrived_on;
  const c = await ex.selectFrom('return_case').select('admission_date').where('id', '=', caseId).executeTakeFirstOrThrow();
  return c.admission_date ?? dayOf(now);
}

/** Inserts the planned visits of slots `offsets` (1-based from `firstSlot`) after the anchor date. */
export async function planVisits(trx: Tx, caseId: string, officerId: string | null, anchorDay: string, offsets: number[], now: Date, firstSlot = 1) {
  if (!offsets.length) return;
  await trx.insertInto('monitoring_visit').values(offsets.map((m, i) => ({
    case_id: caseId, slot: firstSlot + i, offset_months: m, planned_on: addMonths(anchorDay, m), officer_id: officerId, updated_at: now,
  }))).execute();
}

/**
 * Makes the case's monitoring schedule from its project's settings (or the default) with its
 * planned visits, once: a schedule already there is kept. Returns whether it made one.
 */
export async function ensureSchedule(trx: Tx, auditCtx: AuditContext, caseId: string, now: Date): Promise<boolean> {
  const exists = await trx.selectFrom('monitoring_schedule').select('case_id').where('case_id', '=', caseId).executeTakeFirst();
  if (exists) return false;
  const c = await trx.selectFrom('return_case').select(['id', 'project_id', 'owner_id', 'office_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const setting = await projectSchedule(trx, c.project_id);
  const day = await anchorDate(trx, caseId, setting.anchor, now);
  const made = await trx.insertInto('monitoring_schedule').values({
    case_id: caseId, anchor: setting.anchor, anchor_date: day, offsets_months: setting.offsetsMonths, source: setting.isDefault ? 'default' : 'project', updated_at: now,
  }).onConflict((oc) => oc.column('case_id').doNothing()).returning('case_id').executeTakeFirst();
  if (!made) return false;
  await planVisits(trx, caseId, c.owner_id, day, setting.offsetsMonths, now);
  await audit(trx, auditCtx, {
    event: 'monitoring.schedule.created', entityType: 'monitoring_schedule', entityId: caseId, caseId, officeId: c.office_id,
    after: { anchor: setting.anchor, anchorDate: day, offsetsMonths: setting.offsetsMonths, source: setting.isDefault ? 'default' : 'project' },
  });
  return true;
}

/** Makes the missing schedules of every case in reintegration or monitoring (the daily job's backstop). */
export async function ensureMissingSchedules(db: Db, now: Date, actor?: Actor) {
  let q = db
    .selectFrom('return_case as c')
    .select('c.id')
    .where('c.stage', 'in', [...MONITORED_STAGES])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('monitoring_schedule as s').select('s.case_id').whereRef('s.case_id', '=', 'c.id'))));
  if (actor) q = q.where(caseScope(actor, 'monitoring.visit.record'));
  const missing = await q.execute();
  const auditCtx = actor ? auditContextOf(actor) : { actorId: null, officeId: null, ip: null };
  let made = 0;
  for (const { id } of missing) {
    if (await db.transaction().execute((trx) => ensureSchedule(trx, auditCtx, id, now))) made += 1;
  }
  return made;
}
