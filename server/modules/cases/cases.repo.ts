import { openDocumentNumbers } from './document-numbers.js';
import { sql, type CompiledQuery, type InferResult } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Permission } from '../../../shared/access.js';
import type { Actor } from '../../platform/actor.js';
import { executePrepared, StatementTemplates, type Executor, type TemplateValue } from '../../platform/db.js';
import { caseScope } from './cases.policy.js';
import { errors } from './cases.errors.js';

export const caseNotFound = () => errors.CASE_NOT_FOUND();

const caseQuery = (ex: Executor, actor: Actor, id: string, permission: Permission) =>
  ex
    .selectFrom('return_case as c')
    .innerJoin('office as o', 'o.id', 'c.office_id')
    .leftJoin('office as oo', 'oo.id', 'c.origin_office_id')
    .innerJoin('app_user as ow', 'ow.id', 'c.owner_id')
    .select([
      'c.id', 'c.case_number', 'c.kind', 'c.stage', 'c.stage_changed_at', 'c.legal_status', 'c.country_of_return',
      'c.office_id', 'o.name as office_name', 'c.origin_office_id', 'oo.name as origin_office_name', 'c.organisation_id',
      'c.owner_id', 'ow.name as owner_name', 'c.principal_person_id', 'c.version', 'c.created_at', 'c.updated_at',
      'c.restricted', 'c.project_id', 'c.admission_date', 'c.approved_on', 'c.departed_on', 'c.legacy_source', 'c.legacy_id',
    ])
    .where('c.id', '=', id)
    .where(caseScope(actor, permission, { oneCase: true }));

/** One case the actor may act on with the permission, or 404 so that existence does not leak. */
export async function findCase(ex: Executor, actor: Actor, id: string, permission: Permission, lock = false) {
  let q = caseQuery(ex, actor, id, permission);
  if (lock) q = q.forUpdate('c');
  const row = await q.executeTakeFirst();
  if (!row) throw caseNotFound();
  return row;
}
export type CaseRow = Awaited<ReturnType<typeof findCase>>;

const MEMBER_COLUMNS = [
  'm.id', 'm.relationship', 'm.position', 'm.travelling', 'p.id as person_id', 'p.version as person_version', 'p.given_name', 'p.family_name',
  'p.other_names', 'p.original_script_name', 'p.transliteration', 'p.sex', 'p.birth_date', 'p.birth_date_estimated',
  'p.nationality', 'p.languages', 'p.phone', 'p.email', 'p.legacy_source', 'p.legacy_id',
] as const;
const DOCUMENT_COLUMNS = ['d.id', 'd.person_id', 'd.type', 'd.number', 'd.issuing_country', 'd.expiry_date'] as const;

export async function loadMembers(ex: Executor, caseId: string) {
  const members = await ex
    .selectFrom('case_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(MEMBER_COLUMNS)
    .where('m.case_id', '=', caseId)
    .orderBy('m.position')
    .execute();
  const personIds = members.map((m) => m.person_id);
  const documents = personIds.length
    ? await ex.selectFrom('identity_document as d').select(DOCUMENT_COLUMNS).where('d.person_id', 'in', personIds).orderBy('d.created_at').execute()
    : [];
  const opened = await openDocumentNumbers(ex, documents);
  return members.map((m) => ({ ...m, documents: opened.filter((d) => d.person_id === m.person_id) }));
}
export type MemberRow = Awaited<ReturnType<typeof loadMembers>>[number];

/**
 * `findCase` and `loadMembers` in one statement (the household and its documents as JSON, every
 * column of which reads as the same value as in `loadMembers`): for reading a case without a lock.
 */
const caseWithMembersQuery = (ex: Executor, actor: Actor, id: string, permission: Permission) =>
  caseQuery(ex, actor, id, permission)
    .select((eb) =>
      jsonArrayFrom(
        eb.selectFrom('case_member as m')
          .innerJoin('person as p', 'p.id', 'm.person_id')
          .select(MEMBER_COLUMNS)
          .select((e) => jsonArrayFrom(e.selectFrom('identity_document as d').select(DOCUMENT_COLUMNS).whereRef('d.person_id', '=', 'p.id').orderBy('d.created_at')).as('documents'))
          .whereRef('m.case_id', '=', 'c.id')
          .orderBy('m.position'),
      ).as('members'),
    );

/** The case reads built so far (`findCaseWithMembers`). */
const caseReads = new StatementTemplates();

/** The actor's grants as text, once per grants object (a session's, kept while it is cached). */
const grantsKeys = new WeakMap<Actor['grants'], string>();
function grantsKey(actor: Actor): string {
  let key = grantsKeys.get(actor.grants);
  if (key === undefined) {
    key = [...actor.grants].map(([p, s]) => `${p}:${s}`).sort().join(',');
    grantsKeys.set(actor.grants, key);
  }
  return key;
}

export async function findCaseWithMembers(ex: Executor, actor: Actor, id: string, permission: Permission): Promise<{ row: CaseRow; members: MemberRow[] }> {
  // Prepared: the statement of every case open, planned once per connection, and built once per
  // actor and permission (the case's id and the actor's time are its values).
  const values: TemplateValue[] = [id, actor.userId, ...(actor.officeId === null ? [] : [actor.officeId]), actor.organisationId, ...(actor.at ? [actor.at] : [])];
  const key = `${permission} ${actor.userId} ${grantsKey(actor)} ${actor.officeId === null ? 'no-office' : 'office'} ${actor.at ? 'at' : 'now'}`;
  const [found] = await executePrepared(ex, caseReads.compile(key, values, (v) => {
    let i = 0;
    const caseId = v[i++] as string;
    const as: Actor = { ...actor, userId: v[i++] as string, officeId: actor.officeId === null ? null : (v[i++] as string), organisationId: v[i++] as string, ...(actor.at ? { at: v[i++] as Date } : {}) };
    return caseWithMembersQuery(ex, as, caseId, permission);
  }) as CompiledQuery<InferResult<ReturnType<typeof caseWithMembersQuery>>[number]>);
  if (!found) throw caseNotFound();
  const { members, ...row } = found;
  return { row, members: await Promise.all(members.map(async (m) => ({ ...m, documents: await openDocumentNumbers(ex, m.documents) }))) };
}

/**
 * Whether a member of a case found with `findCase` travels, in the caller's transaction. The rule
 * of who travels is the decisions module's; the household is the cases module's to write.
 */
export async function setMemberTravelling(ex: Executor, c: Pick<CaseRow, 'id'>, memberId: string, travelling: boolean): Promise<void> {
  await ex.updateTable('case_member').set({ travelling }).where('id', '=', memberId).where('case_id', '=', c.id).execute();
}

/** The stage a suspended case was suspended from. */
export async function stageBeforeSuspension(ex: Executor, caseId: string): Promise<string | null> {
  const row = await ex
    .selectFrom('stage_transition')
    .select('from_stage')
    .where('case_id', '=', caseId)
    .where('to_stage', '=', 'suspended')
    .orderBy('at', 'desc')
    .orderBy(sql`id`)
    .limit(1)
    .executeTakeFirst();
  return row?.from_stage ?? null;
}

/** Next readable number for an office and year, e.g. BE-2026-000123; serialised by the row lock. */
export async function nextCaseNumber(ex: Executor, officeId: string, prefix: string, year: number): Promise<string> {
  const row = await ex
    .insertInto('case_number_counter')
    .values({ office_id: officeId, year, last: 1 })
    .onConflict((oc) => oc.columns(['office_id', 'year']).doUpdateSet({ last: sql`case_number_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${year}-${String(row.last).padStart(6, '0')}`;
}
