import { sql, type SelectQueryBuilder } from 'kysely';
import type { CaseSearchInput } from '../../../shared/schemas/cases.js';
import { queryKeys } from '../../../shared/names/name-keys.js';
import { suppressCounts } from '../../../shared/suppression.js';
import { can, scopeFor, type Actor } from '../../platform/actor.js';
import type { DB, Executor } from '../../platform/db.js';
import { caseScope, originAudienceSql, scopeCondition } from './cases.policy.js';
import { normaliseDocumentNumber } from './person-records.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The distinct tokens of a skeleton, for the exact-token index. */
export const skeletonTokens = (skeleton: string) => [...new Set(skeleton.split(' ').filter(Boolean))];

/** Beyond this many matches the list reports "more than" instead of counting every row. */
export const COUNT_CAP = 10_000;

/** The list's filter without its paging. */
export type CaseFilterInput = Omit<CaseSearchInput, 'page' | 'pageSize'>;

const CASE_NUMBER = /^([A-Z]{2}(?:-[A-Z0-9]{1,8})?)-(\d{4})-(\d{1,6})$/;

type SearchQuery = SelectQueryBuilder<DB & { c: DB['return_case']; p: DB['person'] }, 'c' | 'p', object>;

/** What the search box means: a case number, a document number, or a name in any spelling. */
export function interpretQuery(q: string): { kind: 'caseNumber'; value: string } | { kind: 'document'; value: string } | { kind: 'name'; skeleton: string; folded: string } {
  const upper = q.trim().toUpperCase();
  const caseNumber = CASE_NUMBER.exec(upper);
  if (caseNumber) return { kind: 'caseNumber', value: `${caseNumber[1]}-${caseNumber[2]}-${caseNumber[3].padStart(6, '0')}` };
  if (/\d/.test(upper) && normaliseDocumentNumber(upper).length >= 4) return { kind: 'document', value: normaliseDocumentNumber(upper) };
  const keys = queryKeys(q);
  return { kind: 'name', skeleton: keys.skeleton, folded: keys.folded };
}

function applyFilters(q: SearchQuery, actor: Actor, f: CaseFilterInput): SearchQuery {
  q = q.where(caseScope(actor, 'case.read'));
  if (f.stage?.length) q = q.where('c.stage', 'in', f.stage);
  if (f.officeId) q = q.where((eb) => eb.or([eb('c.office_id', '=', f.officeId!), eb('c.origin_office_id', '=', f.officeId!)]));
  if (f.ownerId) q = q.where('c.owner_id', '=', f.ownerId);
  // Cases read as the origin office never match on the legal status (it may not be shared with it).
  if (f.legalStatus) q = q.where('c.legal_status', '=', f.legalStatus).where(sql<boolean>`NOT ${originAudienceSql(actor)}`);
  if (f.countryOfReturn) q = q.where('c.country_of_return', '=', f.countryOfReturn);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.nationality) q = q.where('p.nationality', '=', f.nationality);
  return q;
}

const SORT_COLUMNS = {
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at',
  caseNumber: 'c.case_number',
  stage: 'c.stage',
  principalName: 'p.family_name',
} as const;

/**
 * The cases of the list's filter in the actor's scope (restricted cases they may not open left
 * out), as a query on `return_case AS c` (with the principal as `p` when `withPerson`). The list
 * and its export both start from it.
 */
export function filteredCases(db: Executor, actor: Actor, input: CaseFilterInput, withPerson: boolean) {
  const interpreted = input.q ? interpretQuery(input.q) : null;
  let b = applyFilters(
    (withPerson
      ? db.selectFrom('return_case as c').innerJoin('person as p', 'p.id', 'c.principal_person_id')
      : db.selectFrom('return_case as c')) as SearchQuery,
    actor,
    input,
  );
  if (interpreted?.kind === 'caseNumber') b = b.where('c.case_number', '=', interpreted.value);
  if (interpreted?.kind === 'document') {
    b = b.where((eb) => eb.exists(
      eb.selectFrom('identity_document as d').innerJoin('case_member as dm', 'dm.person_id', 'd.person_id')
        .select('d.id').where('d.number_norm', '=', interpreted.value).whereRef('dm.case_id', '=', 'c.id'),
    ));
  }
  if (interpreted?.kind === 'name') {
    const { skeleton, folded } = interpreted;
    // Matches any member, through the token and trigram indexes on both keys; the score ranks them.
    const matches = db
      .selectFrom('person as mp')
      .innerJoin('case_member as mm', 'mm.person_id', 'mp.id')
      .select(['mm.case_id', sql<number>`max(greatest(word_similarity(${skeleton}, mp.name_skeleton), word_similarity(${folded}, mp.name_folded)))`.as('score')])
      .where((eb) => eb.or([sql<boolean>`string_to_array(mp.name_skeleton, ' ') @> ${skeletonTokens(skeleton)}::text[]`, sql<boolean>`${folded} <% mp.name_folded`]))
      .groupBy('mm.case_id');
    b = b.innerJoin(matches.as('nm'), 'nm.case_id', 'c.id') as unknown as SearchQuery;
  }
  return b;
}

/**
 * The case list: scoped to what the actor may read, filtered, sorted and paged. A name query
 * matches any household member, in any spelling or script, ranked by similarity.
 */
export async function searchCases(input: CaseSearchInput, { actor, db }: UseCaseContext) {
  if (!can(actor, 'case.read')) throw platformErrors.FORBIDDEN();
  const interpreted = input.q ? interpretQuery(input.q) : null;
  // The principal's person row is joined only where a filter or the sort needs it: the count of a
  // plain filtered list then reads return_case alone.
  const build = (withPerson: boolean) => filteredCases(db, actor, input, withPerson);
  const base = build(true);
  const score = interpreted?.kind === 'name' ? sql<number>`nm.score` : sql<number>`0`;

  // The count stops at COUNT_CAP: past it the list says "more than", and the user narrows the search.
  const counted = build(!!input.nationality).select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1);
  const [{ n }] = await db.selectFrom(counted.as('t')).select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const total = Math.min(n, COUNT_CAP);
  const sortColumn = SORT_COLUMNS[input.sort ?? 'updatedAt'];
  const order = input.order ?? (input.sort && input.sort !== 'updatedAt' && input.sort !== 'createdAt' ? 'asc' : 'desc');
  let q = base
    .innerJoin('office as o', 'o.id', 'c.office_id')
    .innerJoin('app_user as ow', 'ow.id', 'c.owner_id')
    .select([
      'c.id', 'c.case_number', 'c.kind', 'c.stage', 'c.legal_status', 'c.country_of_return', 'c.office_id', 'o.name as office_name',
      'c.owner_id', 'ow.name as owner_name', 'c.version', 'c.updated_at', 'c.created_at', 'p.given_name', 'p.family_name', 'p.nationality', 'p.birth_date',
      score.as('score'),
      originAudienceSql(actor).as('origin_audience'),
      sql<number>`(SELECT count(*) FROM case_member cm WHERE cm.case_id = c.id)`.as('member_count'),
    ]);
  if (interpreted?.kind === 'name' && !input.sort) q = q.orderBy(sql`nm.score`, 'desc');
  else q = q.orderBy(sql.ref(sortColumn), order);
  if (sortColumn === 'p.family_name') q = q.orderBy('p.given_name', order);
  const rows = await q.orderBy('c.id').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      caseNumber: r.case_number,
      kind: r.kind,
      stage: r.stage,
      // The list does not weigh consent per case: the legal status is left out for the origin office.
      ...(r.origin_audience ? {} : { legalStatus: r.legal_status }),
      countryOfReturn: r.country_of_return,
      officeId: r.office_id,
      officeName: r.office_name,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      version: r.version,
      memberCount: r.member_count,
      principal: { givenName: r.given_name, familyName: r.family_name, nationality: r.nationality, birthDate: r.birth_date },
      score: interpreted?.kind === 'name' ? Math.round(Number(r.score) * 100) / 100 : undefined,
      updatedAt: r.updated_at.toISOString(),
      createdAt: r.created_at.toISOString(),
    })),
    total,
    totalCapped: n > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * Counts by stage. Actors who read cases count the cases they may open (restricted cases they
 * cannot see are absent). Statistics users, who open no case, count every case of their scope,
 * restricted ones included, with small counts suppressed (shared/suppression.ts): a stage with
 * 1 to 4 cases is listed in `suppressed` instead of `counts`, and `total` sums what is shown.
 */
export async function stageCounts({ mine }: { mine: boolean }, { actor, db }: UseCaseContext) {
  let q = db.selectFrom('return_case as c');
  const outside = !can(actor, 'case.read');
  if (!outside) q = q.where(caseScope(actor, 'case.read'));
  else if (can(actor, 'statistics.read')) q = q.where(scopeCondition(actor, scopeFor(actor, 'statistics.read')));
  else throw platformErrors.FORBIDDEN();
  if (mine) q = q.where('c.owner_id', '=', actor.userId);
  const rows = await q.select(['c.stage', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('c.stage').execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.stage] = r.n;
  if (outside) return suppressCounts(counts);
  return { counts, suppressed: [] as string[], total: rows.reduce((s, r) => s + r.n, 0) };
}
