import { blindIndex } from '../../platform/person-keys.js';
import { DOCUMENT_NUMBER_INDEX } from './document-numbers.js';
import { createHash } from 'node:crypto';
import { sql, type SelectQueryBuilder } from 'kysely';
import { STAGES } from '../../../shared/cases.js';
import type { CaseSearchInput } from '../../../shared/schemas/cases.js';
import { queryKeys } from '../../../shared/names/name-keys.js';
import { nameMatches } from './name-search.js';
import { suppressCounts } from '../../../shared/suppression.js';
import { can, scopeFor, type Actor } from '../../platform/actor.js';
import { executePrepared, type DB, type Executor } from '../../platform/db.js';
import { caseScope, originAudienceSql, scopeCondition } from './cases.policy.js';
import { normaliseDocumentNumber } from './person-records.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { errors } from './cases.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The distinct tokens of a skeleton, for the exact-token index. */
export const skeletonTokens = (skeleton: string) => [...new Set(skeleton.split(' ').filter(Boolean))];

/** Beyond this many matches the list reports "more than" instead of counting every row. */
export const COUNT_CAP = 1_000;

/** The list's filter without its paging. */
export type CaseFilterInput = Omit<CaseSearchInput, 'page' | 'pageSize' | 'cursor'>;

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
  // The principal's nationality as the case keeps it (migration 0074): no join to the person.
  if (f.nationality) q = q.where('c.principal_nationality', '=', f.nationality);
  return q;
}

const SORT_COLUMNS = {
  updatedAt: 'c.updated_at',
  createdAt: 'c.created_at',
  caseNumber: 'c.case_number',
  stage: 'c.stage',
  principalName: 'p.family_name',
} as const;

type SortField = keyof typeof SORT_COLUMNS;

/**
 * The sort key a cursor carries, as the database writes it (timestamps to the microsecond, so
 * that a row is never skipped or repeated), and the pattern a key read back must match. The
 * principal's name is never put in a cursor (it goes into URLs): for that sort the cursor names
 * the last case only, and its key is read from the database.
 */
const CURSOR_KEYS: Record<Exclude<SortField, 'principalName'>, { select: ReturnType<typeof sql<string>>; cast: (k: string) => ReturnType<typeof sql>; valid: (k: string) => boolean }> = {
  updatedAt: { select: sql<string>`to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, cast: (k) => sql`${k}::timestamptz`, valid: (k) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(k) },
  createdAt: { select: sql<string>`to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, cast: (k) => sql`${k}::timestamptz`, valid: (k) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(k) },
  caseNumber: { select: sql<string>`c.case_number`, cast: (k) => sql`${k}::text`, valid: (k) => /^[A-Z0-9-]{1,40}$/.test(k) },
  stage: { select: sql<string>`c.stage`, cast: (k) => sql`${k}::text`, valid: (k) => (STAGES as readonly string[]).includes(k) },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The filter a cursor was made for, as a short digest (the search text left out: no name in URLs). */
const filterDigest = (f: CaseFilterInput) =>
  createHash('sha256')
    .update(JSON.stringify([[...(f.stage ?? [])].sort(), f.officeId ?? null, f.ownerId ?? null, f.nationality ?? null, f.countryOfReturn ?? null, f.legalStatus ?? null, f.kind ?? null]))
    .digest('base64url')
    .slice(0, 12);

interface ListCursor { sort: SortField; order: 'asc' | 'desc'; digest: string; id: string; key: string | null }

const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify([1, c.sort, c.order, c.digest, c.id, c.key])).toString('base64url');

/** A cursor read back, or a 400 when it is not one this list made for this sort and filter. */
function decodeCursor(text: string, expected: Omit<ListCursor, 'id' | 'key'>): ListCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  const malformed = () => errors.CASE_LIST_CURSOR_INVALID({ reason: 'malformed' });
  if (!Array.isArray(parts) || parts.length !== 6 || parts[0] !== 1) throw malformed();
  const [, sort, order, digest, id, key] = parts as unknown[];
  if (typeof sort !== 'string' || !(sort in SORT_COLUMNS) || (order !== 'asc' && order !== 'desc') || typeof digest !== 'string' || typeof id !== 'string' || !UUID.test(id)) throw malformed();
  if (sort === 'principalName' ? key !== null : typeof key !== 'string' || !CURSOR_KEYS[sort as Exclude<SortField, 'principalName'>].valid(key)) throw malformed();
  if (sort !== expected.sort || order !== expected.order || digest !== expected.digest) throw errors.CASE_LIST_CURSOR_INVALID({ reason: 'stale' });
  return { sort: sort as SortField, order, digest, id, key: key as string | null };
}

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
        .select('d.id').where('d.number_norm', '=', blindIndex(DOCUMENT_NUMBER_INDEX, interpreted.value)).whereRef('dm.case_id', '=', 'c.id'),
    ));
  }
  if (interpreted?.kind === 'name') {
    // Matches any member, through the blocking keys (name-search.ts), in the scope; the score ranks them.
    const matches = nameMatches(db, interpreted.skeleton, interpreted.folded, (g) => applyFilters(g, actor, input));
    b = b.innerJoin(matches.as('nm'), (j) => j.onRef(sql.ref('nm.case_id') as never, '=', 'c.id')) as unknown as SearchQuery;
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
  // The principal's person row is joined only where the sort needs it: the filters and the count
  // read return_case alone.
  const score = interpreted?.kind === 'name' ? sql<number>`nm.score` : sql<number>`0`;

  // The count stops at COUNT_CAP: past it the list says "more than", and the user narrows the search.
  // A name search ranks at most NAME_MATCH_CAP matching members (name-search.ts): `capped` says whether more may match.
  const named = interpreted?.kind === 'name';
  const countOn = (ex: Executor) => ex
    .selectFrom(filteredCases(ex, actor, input, false).select((named ? sql<boolean>`nm.capped` : sql<boolean>`false`).as('capped')).limit(COUNT_CAP + 1).as('t'))
    .select((eb) => [eb.fn.countAll<number>().as('n'), sql<boolean | null>`bool_or(t.capped)`.as('capped')]).execute();
  // Counted while the page is read (two connections of the pool; one after the other in a transaction).
  // A count that stops at the cap wants the first rows any index gives; a bitmap scan builds the
  // whole set of every filter first (hundreds of thousands of rows at millions of cases). Without a
  // text search (whose indexes are read through bitmaps only) the count reads the list's covering
  // indexes (migration 0074) row by row instead.
  const sort: SortField = input.sort ?? 'updatedAt';
  // A name search without a cursor counts in the page's own statement: its matches (at most
  // NAME_MATCH_CAP members' cases) are gathered once, not once for the page and again for the count.
  const countedWithPage = named && !input.cursor && !(sort !== 'principalName' && input.sort && (input.stage?.length ?? 0) > 1);
  const counting = countedWithPage
    ? null
    : interpreted || db.isTransaction
      ? countOn(db)
      : db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
        return countOn(trx);
      });
  counting?.catch(() => undefined);
  const sortColumn = SORT_COLUMNS[sort];
  const order = input.order ?? (input.sort && input.sort !== 'updatedAt' && input.sort !== 'createdAt' ? 'asc' : 'desc');
  // A list ranked by similarity pages by number only; every other sort also pages by cursor.
  const ranked = interpreted?.kind === 'name' && !input.sort;
  const digest = filterDigest(input);
  const cursor = input.cursor ? decodeCursor(input.cursor, { sort: ranked ? ('score' as SortField) : sort, order, digest }) : null;
  const cursorKey = sort === 'principalName' ? null : CURSOR_KEYS[sort];
  // The page's cases are chosen first, on the columns the filter, the scope and the sort need;
  // names, office, owner and household size are then read for those rows only.
  let lastName: { family_name: string; given_name: string } | undefined;
  if (cursor && !cursorKey) {
    // The last case's name is read here, and only from a case the actor may open: a cursor
    // naming any other case would tell where its principal's name sorts.
    lastName = await db.selectFrom('return_case as c').innerJoin('person as p', 'p.id', 'c.principal_person_id')
      .select(['p.family_name', 'p.given_name']).where('c.id', '=', cursor.id).where(caseScope(actor, 'case.read')).executeTakeFirst();
    if (!lastName) throw errors.CASE_LIST_CURSOR_INVALID({ reason: 'stale' });
  }
  /** The list's order, on the chosen rows (`pg.score`) or on the joined ones. */
  const ordered = <T extends { orderBy: (...a: never[]) => T }>(b: T, scoreRef: ReturnType<typeof sql>, sortRef: ReturnType<typeof sql> = sql.ref(sortColumn), idRef: ReturnType<typeof sql> = sql.ref('c.id')): T => {
    type OrderBy = (expr: unknown, dir: 'asc' | 'desc') => T;
    let r = b;
    if (ranked) r = (r.orderBy as unknown as OrderBy)(scoreRef, 'desc');
    else r = (r.orderBy as unknown as OrderBy)(sortRef, order);
    if (sortColumn === 'p.family_name') r = (r.orderBy as unknown as OrderBy)(sql.ref('p.given_name'), order);
    // Ties broken by id, in the direction of the sort, so that (key, id) orders the rows as the cursor compares them.
    return (r.orderBy as unknown as OrderBy)(idRef, ranked ? 'asc' : order);
  };
  const skip = cursor ? 0 : (input.page - 1) * input.pageSize;
  /** The first rows of the page's order among the cases of `filter`, after the cursor. */
  const firstRows = (filter: CaseSearchInput, limit: number) => {
    let b = filteredCases(db, actor, filter, sort === 'principalName').select(['c.id as chosen_id', score.as('score'), sql.ref(sortColumn).as('sort_value')])
      // Over every matching case, before the page's limit: the count and whether more may match.
      .select([
        (countedWithPage ? sql<number | null>`count(*) OVER ()` : sql<number | null>`null`).as('matched'),
        (countedWithPage ? sql<boolean | null>`bool_or(nm.capped) OVER ()` : sql<boolean | null>`null`).as('matched_capped'),
      ]);
    if (cursor) {
      const after = order === 'desc' ? sql.raw('<') : sql.raw('>');
      b = cursorKey
        ? b.where(sql<boolean>`(${sql.ref(sortColumn)}, c.id) ${after} (${cursorKey.cast(cursor.key!)}, ${cursor.id}::uuid)`)
        : b.where(sql<boolean>`(p.family_name, p.given_name, c.id) ${after} (${lastName!.family_name}, ${lastName!.given_name}, ${cursor.id}::uuid)`);
    }
    return ordered(b, sql`nm.score`).limit(limit);
  };
  // A list of several stages (a worklist) reads each stage's cases in the list's order through
  // the stage's index range and merges them: the stages are disjoint, so the first rows of the
  // merge are the first rows of the whole. One range per stage, not one scan of every case.
  const perStage = !ranked && sort !== 'principalName' && (input.stage?.length ?? 0) > 1;
  let chosen: ReturnType<typeof firstRows>;
  if (perStage) {
    const parts = input.stage!.map((stage, i) => db.selectFrom(firstRows({ ...input, stage: [stage] }, skip + input.pageSize + 1).as(`s${i}`)).selectAll());
    const merged = parts.slice(1).reduce((u, part) => u.unionAll(part), parts[0]!);
    chosen = ordered(db.selectFrom(merged.as('u')).select(['u.chosen_id', 'u.score', 'u.sort_value', 'u.matched', 'u.matched_capped']), sql`u.score`, sql`u.sort_value`, sql`u.chosen_id`)
      .limit(input.pageSize + 1).offset(skip) as unknown as ReturnType<typeof firstRows>;
  } else {
    chosen = firstRows(input, input.pageSize + 1).offset(skip);
  }
  const q = ordered(
    db.selectFrom(chosen.as('pg'))
      .innerJoin('return_case as c', 'c.id', 'pg.chosen_id')
      .innerJoin('person as p', 'p.id', 'c.principal_person_id')
      .innerJoin('office as o', 'o.id', 'c.office_id')
      .innerJoin('app_user as ow', 'ow.id', 'c.owner_id')
      .select([
        'c.id', 'c.case_number', 'c.kind', 'c.stage', 'c.legal_status', 'c.country_of_return', 'c.office_id', 'o.name as office_name',
        'c.owner_id', 'ow.name as owner_name', 'c.version', 'c.updated_at', 'c.created_at', 'p.given_name', 'p.family_name', 'p.nationality', 'p.birth_date',
        'pg.score', 'pg.matched', 'pg.matched_capped',
        originAudienceSql(actor).as('origin_audience'),
        sql<number>`(SELECT count(*) FROM case_member cm WHERE cm.case_id = c.id)`.as('member_count'),
        (cursorKey?.select ?? sql<string>`null`).as('sort_key'),
      ]),
    sql`pg.score`,
  );
  // A name search's statement is prepared once per connection, with a plan for any keys: planning
  // it for each query's keys took 5 to 9 ms of a 15 to 40 ms search. Its matches bound the rows
  // before any filter, so one plan serves every query. The case list without a name is planned for
  // its filters' values (a rare stage and a common one want different index ranges).
  const fetched = named ? await executePrepared(db, q) : await q.execute();
  // Counted with the page, unless the page is past the last match (then counted on its own).
  const [{ n, capped }] = counting
    ? await counting
    : fetched.length
      ? [{ n: Number(fetched[0]!.matched), capped: fetched[0]!.matched_capped }]
      : await countOn(db);
  const total = Math.min(Number(n), COUNT_CAP);
  const rows = fetched.slice(0, input.pageSize);
  const last = rows.at(-1);
  const nextCursor = !ranked && last && fetched.length > input.pageSize ? encodeCursor({ sort, order, digest, id: last.id, key: last.sort_key }) : null;
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
    totalCapped: named ? capped === true : Number(n) > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
    nextCursor,
  };
}

/**
 * Counts by stage. Actors who read cases count the cases they may open (restricted cases they
 * cannot see are absent). Statistics users, who open no case, count every case of their scope,
 * restricted ones included, with small counts suppressed (shared/suppression.ts): a stage with
 * 1 to 4 cases is listed in `suppressed` instead of `counts`, and `total` sums what is shown.
 *
 * The numbers come from `case_stage_count` (migration 0046), maintained by the case writes, under
 * the same scope condition as the cases (it names the same office, origin office, organisation
 * and owner columns). Restricted cases are left out of it for case readers and counted from
 * return_case, where the restricted-case rule applies as everywhere else: they are few.
 */
export async function stageCounts({ mine }: { mine: boolean }, { actor, db }: UseCaseContext) {
  const outside = !can(actor, 'case.read');
  if (outside && !can(actor, 'statistics.read')) throw platformErrors.FORBIDDEN();
  const scope = scopeCondition(actor, scopeFor(actor, outside ? 'statistics.read' : 'case.read'));
  const owned = mine ? sql<boolean>`c.owner_id = ${actor.userId}` : sql<boolean>`true`;
  const parts = [sql`SELECT c.stage, c.n FROM case_stage_count c WHERE ${scope} AND ${owned}${outside ? sql`` : sql` AND NOT c.restricted`}`];
  if (!outside) {
    parts.push(sql`SELECT c.stage, count(*) AS n FROM return_case c WHERE c.restricted AND ${caseScope(actor, 'case.read')} AND ${owned} GROUP BY c.stage`);
  }
  const { rows } = await sql<{ stage: string; n: number | string }>`SELECT t.stage, sum(t.n) AS n FROM (${sql.join(parts, sql` UNION ALL `)}) t
    GROUP BY t.stage HAVING sum(t.n) > 0`.execute(db);
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.stage] = Number(r.n);
  if (outside) return suppressCounts(counts);
  return { counts, suppressed: [] as string[], total: rows.reduce((s, r) => s + Number(r.n), 0) };
}
