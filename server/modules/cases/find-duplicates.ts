import { sql, type RawBuilder } from 'kysely';
import type { DuplicateCheckInput } from '../../../shared/schemas/cases.js';
import { nameKeys } from '../../../shared/names/name-keys.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { birthDateSimilaritySql, birthDateVariants } from './birth-date-similarity.js';
import { caseScope } from './cases.policy.js';
import { blockKeysOf, rankCandidates, SCORE_WEIGHTS, TIED_CANDIDATES_MAX, UNKNOWN_GRADE } from './duplicate-ranking.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { executePrepared, type Executor } from '../../platform/db.js';

/** At most this many candidates are ranked (and, past it, the few born on a mistyped form of the date entered that the first fetch found). */
export const DUPLICATE_CANDIDATE_LIMIT = 400;

/**
 * People who may already be registered: a similar name in any spelling or script, a date of
 * birth within a year (or unknown, or a mistyped digit away), the same nationality (or unknown).
 * Only people in cases the actor may read are listed.
 *
 * Two steps, as record linkage does: the candidates share a blocking key with the entered person
 * (`person.block_keys`, migration 0045: two name skeleton tokens, or the only one, with the birth
 * year), fetched through its index with the scope and the date and nationality filters; then
 * ranked here (duplicate-ranking.ts: Jaro-Winkler over the name tokens, the date of birth graded
 * as in birth-date-similarity.ts, the nationality) and the best 10 returned (more when others score
 * the same as the tenth: rankCandidates). Without a date of birth, a name that many people in the
 * actor's scope have exactly is answered with those namesakes, read through the index on the name.
 */
export async function findDuplicates(input: DuplicateCheckInput, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.create');
  const parts = [input.givenName, input.familyName, ...(input.otherNames ?? []), input.originalScriptName ?? ''].filter((s) => s.trim());
  if (!parts.length) return { candidates: [] };
  const { skeleton, folded } = nameKeys(parts);
  if (skeleton.replace(/\s/g, '').length < 2 && folded.replace(/\s/g, '').length < 3) return { candidates: [] };
  const keys = blockKeysOf(skeleton, input.birthDate);
  if (!keys.length) return { candidates: [] };
  // Each statement is prepared once per connection (executePrepared): planning it for its values
  // took longer than running it (2.5 ms of a 4 ms check). Its generic plan reads the keys' index
  // without parallel workers, which a plan for the values chose when the index was estimated to
  // match tens of thousands of people, and then waited for a worker to start (about 20 ms on a
  // small machine) to read a few hundred.
  return rankedCandidates(db, actor, input, { skeleton, folded, keys });
}

async function rankedCandidates(ex: Executor, actor: Actor, input: DuplicateCheckInput, { skeleton, folded, keys }: { skeleton: string; folded: string; keys: string[] }) {
  /** People in cases the actor may read who match `match`, with what the ranking reads. */
  const inScope = (match: RawBuilder<boolean>) => ex
    .selectFrom('person as p')
    .innerJoin('case_member as m', 'm.person_id', 'p.id')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .where(match)
    .where(caseScope(actor, 'case.read'))
    .select([
      'p.id as person_id', 'p.given_name', 'p.family_name', 'p.original_script_name', 'p.birth_date', 'p.birth_date_estimated', 'p.nationality',
      'p.name_skeleton', 'p.name_folded', 'c.id as case_id', 'c.case_number', 'c.stage', 'm.relationship',
    ]);
  const candidates = (keys: string[], dates: 'window' | 'windowOrTypos') => {
    let q = inScope(sql<boolean>`p.block_keys && ${keys}::text[]`);
    // The date and nationality conditions are written so that no index serves them: the blocking
    // keys' index finds a few hundred people, and these are checked on those rows. (Offered an index
    // on nationality and birth date, the planner would intersect the keys with hundreds of thousands
    // of people of one nationality or born within a year, a hundred times slower at millions.)
    if (input.birthDate) {
      const born = sql`coalesce(p.birth_date, ${input.birthDate}::date)`;
      const window = sql<boolean>`${born} BETWEEN ${input.birthDate}::date - 366 AND ${input.birthDate}::date + 366`;
      q = q.where(dates === 'window' ? window : sql<boolean>`(${window} OR ${born} = ANY(${birthDateVariants(input.birthDate)}::date[]))`);
    }
    if (input.nationality) q = q.where(sql<boolean>`coalesce(p.nationality, ${input.nationality}) = ${input.nationality}`);
    return q;
  };
  const rankInput = { skeleton, folded, birthDate: input.birthDate, nationality: input.nationality };
  // Without a date of birth, a common name is shared by thousands of people (and the blocking
  // keys' index, which cannot stop early, lists them all before the scope is checked). When the
  // actor may read at least TIED_CANDIDATES_MAX people of exactly the name entered (and of the
  // nationality entered, if any), they are the answer: each has the best score a candidate can
  // have without a date of birth (the whole name grade, the date unknown, the nationality the
  // same), so a ranking of every namesake would list as many of them, all equal, and no one else.
  // They are read through the index on the folded name, which stops at that many. (The
  // nationality is compared as text so that its index does not serve it: the planner would
  // intersect the few namesakes with the hundreds of thousands of people of that nationality.)
  if (!input.birthDate && folded) {
    let exact = inScope(sql<boolean>`p.name_folded = ${folded}`);
    if (input.nationality) exact = exact.where(sql<boolean>`p.nationality::text = ${input.nationality}`);
    const namesakes = await executePrepared(ex, exact.limit(TIED_CANDIDATES_MAX));
    if (namesakes.length === TIED_CANDIDATES_MAX) return { candidates: rankCandidates(rankInput, namesakes, 10).map(shown) };
  }
  // Most names have fewer candidates than the limit: one more is fetched to know, in the index's
  // order, which stops early. Past the limit (a common name, or a token shared by many: Hailu
  // Haile is 'hl' twice, thousands of people within the year at millions of cases), an arbitrary
  // 400 might leave out the one born on the same day. With a date of birth entered, the 400 kept
  // are then those born within a year of it whose date of birth and nationality score best (the
  // parts of duplicateScore other than the name), read through the keys of those years only, and
  // with them the people born on a mistyped form of the date found by the first fetch. (Ordering
  // the keys of the mistyped years too would read every person of those years: 35,000 people
  // for Ndeye Ndiaye at two million cases, 85% of whom are dropped for their date.)
  let rows = await executePrepared(ex, candidates(keys, 'windowOrTypos').limit(DUPLICATE_CANDIDATE_LIMIT + 1));
  if (rows.length > DUPLICATE_CANDIDATE_LIMIT) {
    if (input.birthDate) {
      const birth = sql`coalesce(${birthDateSimilaritySql(input.birthDate, sql`p.birth_date`, sql`p.birth_date_estimated`)}, ${sql.lit(UNKNOWN_GRADE)}::float8)`;
      const nationality = input.nationality
        ? sql`CASE WHEN p.nationality = ${input.nationality} THEN 1 ELSE ${sql.lit(UNKNOWN_GRADE)}::float8 END`
        : sql`${sql.lit(UNKNOWN_GRADE)}::float8`;
      const best = await executePrepared(ex, candidates(blockKeysOf(skeleton, input.birthDate, undefined, { typoYears: false }), 'window')
        .orderBy(sql`${sql.lit(SCORE_WEIGHTS.birthDate)}::float8 * ${birth} + ${sql.lit(SCORE_WEIGHTS.nationality)}::float8 * ${nationality}`, 'desc')
        .limit(DUPLICATE_CANDIDATE_LIMIT));
      const typos = new Set(birthDateVariants(input.birthDate));
      const kept = new Set(best.map((r) => `${r.person_id} ${r.case_id}`));
      rows = [...best, ...rows.filter((r) => r.birth_date !== null && typos.has(r.birth_date) && !kept.has(`${r.person_id} ${r.case_id}`))];
    } else {
      rows = rows.slice(0, DUPLICATE_CANDIDATE_LIMIT);
    }
  }
  return { candidates: rankCandidates(rankInput, rows, 10).map(shown) };
}

/** A ranked candidate as the API answers it. */
function shown<R extends CandidateRow>(r: R & { score: number }) {
  return {
    personId: r.person_id,
    givenName: r.given_name,
    familyName: r.family_name,
    originalScriptName: r.original_script_name,
    birthDate: r.birth_date,
    nationality: r.nationality,
    caseId: r.case_id,
    caseNumber: r.case_number,
    stage: r.stage,
    relationship: r.relationship,
    score: r.score,
  };
}

interface CandidateRow {
  person_id: string; given_name: string; family_name: string; original_script_name: string | null; birth_date: string | null;
  nationality: string | null; case_id: string; case_number: string; stage: string; relationship: string;
}
