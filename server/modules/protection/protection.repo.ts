import { detailsConsent, isHealthCategory, MEASURE_TEMPLATES, type VulnerabilityCategory } from '../../../shared/protection.js';
import { type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { caseFieldPolicy, findCase, vulnerabilityDetailsVisible, type CaseRow } from '../cases/index.js';
import { addDays, presentMeasure, presentVulnerability, todayOf } from './present.js';
import { errors } from './protection.errors.js';
import { openVulnerabilityDetails } from './vulnerability-sealing.js';
import { openMeasureRow } from './measure-sealing.js';
import { caseErrors } from '../cases/index.js';

export async function requireMember(ex: Executor, caseId: string, personId: string) {
  const member = await ex.selectFrom('case_member').select('id').where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
  if (!member) throw caseErrors.PERSON_NOT_FOUND();
}

export const vulnerabilityColumns = [
  'v.id', 'v.version', 'v.person_id', 'v.category', 'v.details', 'v.details_encrypted', 'v.status', 'v.identified_on', 'v.identified_by', 'u.name as identified_by_name',
  'u.office_id as identified_by_office_id', 'v.created_at', 'v.updated_at',
] as const;
const measureColumns = [
  'm.id', 'm.version', 'm.case_id', 'm.person_id', 'm.vulnerability_id', 'm.kind', 'm.title', 'm.owner_id', 'ow.name as owner_name', 'm.due_on',
  'm.status', 'm.notes', 'm.completed_at', 'mv.category as vulnerability_category',
] as const;

/** One vulnerability of a case, its details opened (`vulnerability-sealing.ts`). */
export async function loadVulnerability(ex: Executor, caseId: string, id: string) {
  const v = await ex.selectFrom('vulnerability as v').innerJoin('app_user as u', 'u.id', 'v.identified_by').select(vulnerabilityColumns)
    .where('v.case_id', '=', caseId).where('v.id', '=', id).executeTakeFirst();
  return v && openVulnerabilityDetails(ex, v);
}

/** The vulnerabilities of a case in screening order, their details opened. */
export async function loadVulnerabilities(ex: Executor, caseId: string) {
  const rows = await ex.selectFrom('vulnerability as v').innerJoin('app_user as u', 'u.id', 'v.identified_by').select(vulnerabilityColumns)
    .where('v.case_id', '=', caseId).orderBy('v.identified_on').orderBy('v.created_at').execute();
  return Promise.all(rows.map((v) => openVulnerabilityDetails(ex, v)));
}

const measureQuery = (ex: Executor) =>
  ex.selectFrom('special_measure as m').leftJoin('app_user as ow', 'ow.id', 'm.owner_id').leftJoin('vulnerability as mv', 'mv.id', 'm.vulnerability_id').select(measureColumns);

/** The measures of a case, their notes opened (`measure-sealing.ts`). */
export const loadMeasures = async (ex: Executor, caseId: string) => Promise.all((await measureQuery(ex)
  .where('m.case_id', '=', caseId).orderBy('m.due_on', 'asc').orderBy('m.created_at').orderBy('m.id').execute()).map((m) => openMeasureRow(ex, m)));

/** One measure of a case, its notes opened. */
export const loadMeasure = async (ex: Executor, caseId: string, id: string) => {
  const m = await measureQuery(ex).where('m.case_id', '=', caseId).where('m.id', '=', id).executeTakeFirst();
  return m && openMeasureRow(ex, m);
};

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
  const policy = await caseFieldPolicy(ex, actor, c);
  const detailsShared = (v: VulnerabilityRow) =>
    vulnerabilityDetailsVisible(policy, detailsConsent(v.category)) || (actor.officeId !== null && v.identified_by_office_id === actor.officeId);
  return {
    policy,
    vulnerability: (v: VulnerabilityRow) => (detailsShared(v) ? presentVulnerability(v) : withoutKey(presentVulnerability(v), 'details')),
    measure: (m: MeasureRow) =>
      policy.healthInformation || !isHealthCategory(m.vulnerability_category) ? presentMeasure(m, today) : withoutKey(presentMeasure(m, today), 'notes'),
  };
}
export type ProtectionPresenter = Awaited<ReturnType<typeof protectionPresenter>>;

/** A presented record without a field the actor may not see: absent, not null. */
function withoutKey<T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> {
  const { [key]: _left, ...rest } = record;
  return rest;
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

export async function vulnerabilityWithMeasures(db: Db, actor: Actor, caseId: string, id: string, clock: Clock) {
  // The actor may have lost sight of the case only if they unrestricted nothing; findCase guards.
  const c = await findCase(db, actor, caseId, 'case.read');
  const v = await loadVulnerability(db, caseId, id);
  if (!v) throw errors.VULNERABILITY_NOT_FOUND();
  const present = await protectionPresenter(db, actor, c, todayOf(clock.now()));
  const measures = (await loadMeasures(db, caseId)).filter((m) => m.vulnerability_id === id).map(present.measure);
  return { ...present.vulnerability(v), measures };
}
