import { detailsConsent, isHealthCategory, MEASURE_TEMPLATES, type VulnerabilityCategory } from '../../../shared/protection.js';
import type { VulnerabilityInput, VulnerabilityPatch } from '../../../shared/schemas/protection.js';
import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf, changedFields } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, findCase, type CaseRow, caseAudience, sharedWithOrigin } from '../cases/index.js';
import { addDays, presentHealth, presentMeasure, presentVulnerability, todayOf } from './present.js';
import { refreshRestriction } from './restriction.js';
import { errors } from './protection.errors.js';
import { caseErrors } from '../cases/index.js';

interface Deps {
  db: Db;
  clock: Clock;
}

export async function requireMember(ex: Executor, caseId: string, personId: string) {
  const member = await ex.selectFrom('case_member').select('id').where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
  if (!member) throw caseErrors.PERSON_NOT_FOUND();
}

const vulnerabilityColumns = [
  'v.id', 'v.version', 'v.person_id', 'v.category', 'v.details', 'v.status', 'v.identified_on', 'v.identified_by', 'u.name as identified_by_name',
  'u.office_id as identified_by_office_id', 'v.created_at', 'v.updated_at',
] as const;
const measureColumns = [
  'm.id', 'm.version', 'm.case_id', 'm.person_id', 'm.vulnerability_id', 'm.kind', 'm.title', 'm.owner_id', 'ow.name as owner_name', 'm.due_on',
  'm.status', 'm.notes', 'm.completed_at', 'mv.category as vulnerability_category',
] as const;

export const loadVulnerability = (ex: Executor, caseId: string, id: string) =>
  ex.selectFrom('vulnerability as v').innerJoin('app_user as u', 'u.id', 'v.identified_by').select(vulnerabilityColumns)
    .where('v.case_id', '=', caseId).where('v.id', '=', id).executeTakeFirst();

const measureQuery = (ex: Executor) =>
  ex.selectFrom('special_measure as m').leftJoin('app_user as ow', 'ow.id', 'm.owner_id').leftJoin('vulnerability as mv', 'mv.id', 'm.vulnerability_id').select(measureColumns);

export const loadMeasures = (ex: Executor, caseId: string) =>
  measureQuery(ex)
    .where('m.case_id', '=', caseId).orderBy('m.due_on', 'asc').orderBy('m.created_at').orderBy('m.id').execute();

export const loadMeasure = (ex: Executor, caseId: string, id: string) =>
  measureQuery(ex)
    .where('m.case_id', '=', caseId).where('m.id', '=', id).executeTakeFirst();

type VulnerabilityRow = NonNullable<Awaited<ReturnType<typeof loadVulnerability>>>;
type MeasureRow = NonNullable<Awaited<ReturnType<typeof loadMeasure>>>;

/**
 * How the actor reads a case's protection records. The office in the country of return reads,
 * without the returnee's consent, neither health information (health records, the details and
 * measure notes of medical categories) nor the details of the other categories (see
 * `detailsConsent`), except details its own staff recorded. Every answer (reads and writes alike)
 * is presented through it.
 */
export async function protectionPresenter(ex: Executor, actor: Actor, c: Pick<CaseRow, 'id' | 'office_id' | 'origin_office_id'>, today: string) {
  const sharing = caseAudience(actor, c) === 'host' ? null : await sharedWithOrigin(ex, c.id);
  const healthShared = !sharing || sharing.healthInformation;
  const detailsShared = (v: VulnerabilityRow) =>
    !sharing || sharing[detailsConsent(v.category)] || (actor.officeId !== null && v.identified_by_office_id === actor.officeId);
  return {
    healthShared,
    vulnerability: (v: VulnerabilityRow) => (detailsShared(v) ? presentVulnerability(v) : { ...presentVulnerability(v), details: null }),
    measure: (m: MeasureRow) => presentMeasure(healthShared || !isHealthCategory(m.vulnerability_category) ? m : { ...m, notes: null }, today),
  };
}

/**
 * A case's protection record: vulnerabilities per member and special measures; the health and
 * fit-to-travel records only for holders of 'case.health' (absent for everyone else), and
 * reading them is audited. Presented for the actor's audience (`protectionPresenter`).
 */
export async function protectionView(actor: Actor, caseId: string, { db, clock }: Deps) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const vulnerabilities = await db
    .selectFrom('vulnerability as v').innerJoin('app_user as u', 'u.id', 'v.identified_by').select(vulnerabilityColumns)
    .where('v.case_id', '=', caseId).orderBy('v.identified_on').orderBy('v.created_at').execute();
  const measures = await loadMeasures(db, caseId);
  const today = todayOf(clock.now());
  const present = await protectionPresenter(db, actor, c, today);
  const healthShared = present.healthShared;
  const view: {
    caseId: string;
    restricted: boolean;
    vulnerabilities: ReturnType<typeof presentVulnerability>[];
    measures: ReturnType<typeof presentMeasure>[];
    health?: ReturnType<typeof presentHealth>[];
  } = {
    caseId,
    restricted: c.restricted,
    vulnerabilities: vulnerabilities.map(present.vulnerability),
    measures: measures.map(present.measure),
  };
  if (can(actor, 'case.health') && healthShared) {
    const health = await db.selectFrom('health_record').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute();
    if (health.length) {
      await audit(db, auditContextOf(actor), {
        event: 'health_record.viewed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id,
        details: { records: health.map((h) => h.id) },
      });
    }
    view.health = health.map(presentHealth);
  }
  return view;
}

/** The measures a category brings, owned by the case owner and due at the template's offsets. */
export async function createMeasuresFor(trx: Executor, actor: Actor, c: CaseRow, v: { id: string; person_id: string; category: VulnerabilityCategory; identified_on: string }, now: Date) {
  const templates = MEASURE_TEMPLATES[v.category];
  if (!templates.length) return [];
  const rows = await trx
    .insertInto('special_measure')
    .values(templates.map((t) => ({
      case_id: c.id, person_id: v.person_id, vulnerability_id: v.id, kind: t.kind, owner_id: c.owner_id,
      due_on: addDays(v.identified_on, t.dueInDays), created_at: now, updated_at: now,
    })))
    .returning(['id', 'kind', 'due_on'])
    .execute();
  for (const r of rows) {
    await audit(trx, auditContextOf(actor), {
      event: 'special_measure.created', entityType: 'special_measure', entityId: r.id, caseId: c.id, officeId: c.office_id,
      after: { kind: r.kind, dueOn: r.due_on, ownerId: c.owner_id, fromCategory: v.category },
    });
  }
  return rows;
}

/** Screens a member into a category; the category's measures follow, and the case may become restricted. */
export async function recordVulnerability(actor: Actor, caseId: string, input: VulnerabilityInput, { db, clock }: Deps) {
  requirePermission(actor, 'vulnerability.write');
  const id = await changeCase({ actor, db, clock }, { caseId, permission: 'vulnerability.write' }, async (work) => {
    const { trx, case: c } = work;
    await requireMember(trx, caseId, input.personId);
    const now = clock.now();
    const existing = await trx.selectFrom('vulnerability').select('id').where('case_id', '=', caseId).where('person_id', '=', input.personId)
      .where('category', '=', input.category).executeTakeFirst();
    if (existing) {
      throw errors.VULNERABILITY_EXISTS({ vulnerabilityId: existing.id });
    }
    const row = await trx
      .insertInto('vulnerability')
      .values({
        case_id: caseId, person_id: input.personId, category: input.category, details: input.details || null, identified_on: input.identifiedOn,
        identified_by: actor.userId, created_at: now, updated_at: now,
      })
      .returning(['id', 'person_id', 'identified_on'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'vulnerability.recorded', entityType: 'vulnerability', entityId: row.id, caseId, officeId: c.office_id,
      after: { personId: input.personId, category: input.category, identifiedOn: input.identifiedOn, details: input.details ?? null },
    });
    await createMeasuresFor(trx, actor, c, { id: row.id, person_id: row.person_id, category: input.category, identified_on: row.identified_on }, now);
    await refreshRestriction(work, actor);
    return row.id;
  });
  return vulnerabilityWithMeasures(db, actor, caseId, id, clock);
}

async function vulnerabilityWithMeasures(db: Db, actor: Actor, caseId: string, id: string, clock: Clock) {
  // The actor may have lost sight of the case only if they unrestricted nothing; findCase guards.
  const c = await findCase(db, actor, caseId, 'case.read');
  const v = await loadVulnerability(db, caseId, id);
  if (!v) throw errors.VULNERABILITY_NOT_FOUND();
  const present = await protectionPresenter(db, actor, c, todayOf(clock.now()));
  const measures = (await loadMeasures(db, caseId)).filter((m) => m.vulnerability_id === id).map(present.measure);
  return { ...present.vulnerability(v), measures };
}

/** Corrects or resolves a screening (If-Match); resolving the last restricting one lifts the restriction. */
export async function updateVulnerability(actor: Actor, caseId: string, id: string, expectedVersion: number, patch: VulnerabilityPatch, { db, clock }: Deps) {
  requirePermission(actor, 'vulnerability.write');
  await changeCase({ actor, db, clock }, { caseId, permission: 'vulnerability.write' }, async (work) => {
    const { trx, case: c } = work;
    const v = await trx.selectFrom('vulnerability').selectAll().where('case_id', '=', caseId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!v) throw errors.VULNERABILITY_NOT_FOUND();
    if (v.version !== expectedVersion) throw staleVersion();
    const before = { details: v.details, identifiedOn: v.identified_on, status: v.status };
    const after = {
      details: patch.details === undefined ? v.details : patch.details || null,
      identifiedOn: patch.identifiedOn ?? v.identified_on,
      status: patch.status ?? v.status,
    };
    const diff = changedFields(before, after);
    if (!Object.keys(diff.after).length) return;
    const now = clock.now();
    await trx.updateTable('vulnerability')
      .set({ details: after.details, identified_on: after.identifiedOn, status: after.status, version: v.version + 1, updated_at: now })
      .where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), { event: 'vulnerability.updated', entityType: 'vulnerability', entityId: id, caseId, officeId: c.office_id, ...diff });
    await refreshRestriction(work, actor);
  });
  return vulnerabilityWithMeasures(db, actor, caseId, id, clock);
}
