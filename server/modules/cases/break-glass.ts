import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { BREAK_GLASS_REASON_MIN } from '../../../shared/schemas/data-protection.js';
import { can, requirePermission, scopeFor, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf, auditRead } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { breakGlassActive, caseScope } from './cases.policy.js';
import { errors } from './cases.errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const nowOf = (actor: Actor, ctx: { clock: { now(): Date } }) => actor.at ?? ctx.clock.now();

/**
 * A supervisor opens a case outside their scope for `minutes`, read-only, by stating why. The case
 * is named by its number or id, never found: an unknown case, one of another organisation and a
 * restricted case (its own rule decides who opens it) all answer 404. A case the supervisor may
 * already read answers 409. The grant and its reason are audited (`case.break_glass`).
 */
export async function breakGlass(input: { ref: string; reason: string; minutes: number }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.break_glass');
  const reason = input.reason.trim();
  if (reason.length < BREAK_GLASS_REASON_MIN) throw errors.BREAK_GLASS_REASON_TOO_SHORT({ min: BREAK_GLASS_REASON_MIN });
  const ref = input.ref.trim();
  const byRef = UUID.test(ref) ? sql<boolean>`c.id = ${ref}::uuid` : sql<boolean>`c.case_number = ${ref}`;
  const inScope = await db.selectFrom('return_case as c').select('c.id').where(byRef).where(caseScope(actor, 'case.read')).executeTakeFirst();
  if (inScope) throw errors.BREAK_GLASS_NOT_NEEDED();
  const target = await db
    .selectFrom('return_case as c')
    .leftJoin('office as oo', 'oo.id', 'c.origin_office_id')
    .select(['c.id', 'c.case_number', 'c.office_id'])
    .where(byRef)
    .where('c.restricted', '=', false)
    .where((eb) => eb.or([eb('c.organisation_id', '=', actor.organisationId), eb('oo.organisation_id', '=', actor.organisationId)]))
    .executeTakeFirst();
  if (!target) throw errors.CASE_NOT_FOUND();
  const grantedAt = nowOf(actor, { clock });
  const expiresAt = new Date(grantedAt.getTime() + input.minutes * 60_000);
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .insertInto('case_break_glass')
      .values({ case_id: target.id, user_id: actor.userId, organisation_id: actor.organisationId, reason, granted_at: grantedAt, expires_at: expiresAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'case.break_glass', entityType: 'case', entityId: target.id, caseId: target.id, officeId: target.office_id,
      details: { breakGlassGrantId: grant.id, reason, expiresAt: expiresAt.toISOString() },
    });
    return { id: grant.id, caseId: target.id, caseNumber: target.case_number, grantedAt, expiresAt };
  });
}

/**
 * The actor's active break-glass grant on a case they could not read otherwise, or null (also for
 * every actor without 'case.break_glass': one check, no query). Reads made through it are marked
 * with its id in the audit trail.
 */
export async function breakGlassGrantFor(ex: Executor, actor: Actor, caseId: string): Promise<string | null> {
  if (!can(actor, 'case.break_glass') || !can(actor, 'case.read') || !UUID.test(caseId)) return null;
  const at = actor.at ?? new Date();
  const row = await ex
    .selectFrom('return_case as c')
    .innerJoin('case_break_glass as g', (j) => j.onRef('g.case_id', '=', 'c.id'))
    .select('g.id')
    .where('c.id', '=', caseId)
    .where('g.user_id', '=', actor.userId)
    .where('g.granted_at', '<=', at)
    .where('g.expires_at', '>', at)
    .where(breakGlassActive(actor))
    // IS NOT TRUE: the scope condition is NULL, not false, for a case without an origin office.
    .where(sql<boolean>`(${caseScope(actor, 'case.read')}) IS NOT TRUE`)
    .orderBy('g.expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Every read of a case's sub-resources (`GET /api/cases/:id/...`, whichever module answers it)
 * made through a break-glass grant is audited as `case.break_glass.read` with the grant and the
 * route (its template: no personal data), before the answer. The case view itself is audited by
 * `openCase` (`case.opened`, marked with the grant).
 */
export function breakGlassReadHook(db: Db) {
  return async (req: FastifyRequest) => {
    if (req.method !== 'GET' || !req.actor) return;
    const route = req.routeOptions.url;
    if (!route?.startsWith('/api/cases/:id/')) return;
    const caseId = (req.params as { id?: string }).id;
    if (!caseId) return;
    const grantId = await breakGlassGrantFor(db, req.actor, caseId);
    if (!grantId) return;
    await auditRead(db, auditContextOf(req.actor), {
      event: 'case.break_glass.read', entityType: 'case', entityId: caseId, caseId, details: { breakGlassGrantId: grantId, route },
    });
  };
}

/** The grants of the data-protection officer's scope not yet reviewed, for their queue (newest first). */
export async function breakGlassToReview(ex: Executor, actor: Actor) {
  if (!can(actor, 'person.access_log.read')) return [];
  const scope = scopeFor(actor, 'person.access_log.read');
  const rows = await ex
    .selectFrom('case_break_glass as g')
    .innerJoin('return_case as c', 'c.id', 'g.case_id')
    .select(['g.id', 'c.case_number', 'g.granted_at'])
    .where('g.reviewed_at', 'is', null)
    .where(scope === 'all' ? sql<boolean>`true` : sql<boolean>`g.organisation_id = ${actor.organisationId}`)
    .orderBy('g.granted_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ id: r.id, caseNumber: r.case_number, at: r.granted_at }));
}

/** A data-protection officer marks a break-glass access reviewed (audited); it leaves their queue. */
export async function reviewBreakGlass({ id }: { id: string }, { actor, db, clock }: UseCaseContext) {
  const scope = scopeFor(actor, 'person.access_log.read');
  return db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom('case_break_glass')
      .select(['id', 'case_id', 'reviewed_at'])
      .where('id', '=', id)
      .where(scope === 'all' ? sql<boolean>`true` : sql<boolean>`organisation_id = ${actor.organisationId}`)
      .forUpdate()
      .executeTakeFirst();
    if (!grant) throw errors.BREAK_GLASS_NOT_FOUND();
    if (!grant.reviewed_at) {
      await trx.updateTable('case_break_glass').set({ reviewed_at: nowOf(actor, { clock }), reviewed_by: actor.userId }).where('id', '=', id).execute();
      await audit(trx, auditContextOf(actor), {
        event: 'case.break_glass.reviewed', entityType: 'case', entityId: grant.case_id, caseId: grant.case_id, details: { reviewedGrantId: id },
      });
    }
  });
}

/** The longest period of the break-glass report, in days. */
const REPORT_MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The report of break-glass accesses over a period (`GET /api/break-glass`): the grants of the
 * officer's organisation (every organisation's with the permission at scope 'all') made between
 * `from` and `to` (UTC days, both included; by default the last 30 days), newest first, paged,
 * with the reason, who opened the case and whether and by whom it was reviewed. Case numbers and
 * staff only: no returnee's data. Reading it is audited (`case.break_glass.report_viewed`, with
 * the period).
 */
export async function breakGlassReport(
  input: { from?: string; to?: string; page: number; pageSize: number },
  { actor, db, clock }: UseCaseContext,
) {
  requirePermission(actor, 'person.access_log.read');
  const to = input.to ?? dayOf(nowOf(actor, { clock }));
  const from = input.from ?? dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  if (start >= end || end.getTime() - start.getTime() > REPORT_MAX_DAYS * DAY_MS) throw errors.BREAK_GLASS_PERIOD_INVALID({ max: REPORT_MAX_DAYS });
  const scope = scopeFor(actor, 'person.access_log.read');
  // The organisation's grants; a holder of the permission scoped to an office reads those of its own cases only.
  const base = db
    .selectFrom('case_break_glass as g')
    .innerJoin('return_case as c', 'c.id', 'g.case_id')
    .where(scope === 'all' ? sql<boolean>`true` : sql<boolean>`g.organisation_id = ${actor.organisationId}`)
    .where(scope === 'all' || scope === 'organisation' ? sql<boolean>`true` : sql<boolean>`(c.office_id = ${actor.officeId} OR c.origin_office_id = ${actor.officeId})`)
    .where('g.granted_at', '>=', start)
    .where('g.granted_at', '<', end);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .leftJoin('office as o', 'o.id', 'u.office_id')
      .leftJoin('app_user as r', 'r.id', 'g.reviewed_by')
      .select(['g.id', 'c.case_number', 'g.granted_at', 'g.expires_at', 'g.reason', 'g.reviewed_at', 'u.id as user_id', 'u.name as user_name', 'o.name as office_name', 'r.name as reviewer_name'])
      .orderBy('g.granted_at', 'desc')
      .orderBy('g.id')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
  ]);
  await auditRead(db, auditContextOf(actor), {
    event: 'case.break_glass.report_viewed', entityType: 'organisation', entityId: actor.organisationId, details: { from, to, page: input.page },
  });
  return {
    from, to, page: input.page, pageSize: input.pageSize, total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id, caseNumber: r.case_number, grantedAt: r.granted_at, expiresAt: r.expires_at, reason: r.reason,
      openedBy: { id: r.user_id, name: r.user_name, office: r.office_name },
      reviewedAt: r.reviewed_at, reviewedBy: r.reviewer_name,
    })),
  };
}
