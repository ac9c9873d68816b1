import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DB, Executor } from '../../platform/db.js';

/**
 * The name search of the case list, through the blocking keys of `person.block_keys`
 * (migration 0045: each skeleton token of the first 8, and each ordered pair of them).
 *
 * A query's skeleton tokens are looked up as keys, in two tiers:
 *  1. exact: the person has every token of the query (a pair key for each pair of tokens, the token
 *     itself for a one-word query): all spellings and scripts that share the skeleton (Mohammed /
 *     Muhammad / محمد).
 *  2. one typing error: one token of a pair, or the token of a one-word query, replaced by each
 *     string one edit away from it in the skeleton's letters (a letter dropped, added, replaced or
 *     two letters swapped), so that 'Hamdi Husein' also finds 'Hamid Hussein'. For queries of three
 *     or more words, any pair of their tokens counts in this tier.
 *
 * Every lookup is an exact-key search of the GIN index: no trigram over millions of names. The scope
 * and the list's filters are applied as the members are gathered, and at most NAME_MATCH_CAP
 * members are gathered, exact matches first: the cases of those members are then ranked by
 * similarity (the page is a true page of that ranking). When more members match, the list reports
 * "more than" the cases it found, and the user narrows the search.
 */

/** At most this many matching household members (in the actor's scope) are gathered and ranked. */
export const NAME_MATCH_CAP = 100;

/**
 * At most this many people of each tier are examined (the scope is checked on each one's case):
 * a bound on the work for a very common name in a small scope. Reaching it also reports "more than".
 */
export const NAME_PEOPLE_LIMIT = 5000;

/**
 * The typing-error keys are looked up in groups of this many, one index search each, their people
 * merged (a bitmap OR): one search of hundreds of keys merges every key's list of people at each
 * step (at 2,000,000 cases 516 keys for 'Maryam Alhassan': 40-50 ms, against 19 ms in groups of 32).
 */
export const TYPO_KEY_GROUP = 32;

/** The skeleton tokens that count for the keys (as in migration 0045). */
export const MAX_KEY_TOKENS = 8;

/** Letters a skeleton is written in (consonants, y and w; the vowels are dropped). */
const SKELETON_LETTERS = 'bdfghjklmnprstwxyz';

const LATIN_TOKEN = /^[a-z]+$/;

/** The C-collation order of the stored pair keys: byte order of the UTF-8 text. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const pairKey = (a: string, b: string) => (byteOrder(a, b) <= 0 ? `${a} ${b}` : `${b} ${a}`);

/** The first 8 distinct tokens of a skeleton. */
export const queryTokens = (skeleton: string) => [...new Set(skeleton.split(' ').filter(Boolean))].slice(0, MAX_KEY_TOKENS);

/** A token and, when it starts with the l of an attached article ('lhsn'), the token without it (as in SQL). */
const withoutArticle = (t: string) => (/^l[a-z]{2,}$/.test(t) ? [t, t.slice(1)] : [t]);

/**
 * The strings one edit away from a skeleton token: a letter dropped, added, replaced, or two
 * neighbours swapped. Only tokens of Latin skeleton letters (other scripts match as written), and
 * none for tokens shorter than `minLength` (a one-letter token has too many neighbours to mean
 * anything).
 */
export function typoVariants(token: string, minLength = 2): string[] {
  if (!LATIN_TOKEN.test(token) || token.length < minLength) return [];
  const out = new Set<string>();
  for (let i = 0; i <= token.length; i++) {
    if (i < token.length) out.add(token.slice(0, i) + token.slice(i + 1));
    if (i < token.length - 1) out.add(token.slice(0, i) + token[i + 1] + token[i] + token.slice(i + 2));
    for (const l of SKELETON_LETTERS) {
      out.add(token.slice(0, i) + l + token.slice(i));
      if (i < token.length) out.add(token.slice(0, i) + l + token.slice(i + 1));
    }
  }
  out.delete(token);
  out.delete('');
  return [...out];
}

/** The keys of each tier for a query's skeleton: `exact` all present, or any of `typo`. */
export function searchKeys(skeleton: string): { exact: string[]; typo: string[] } {
  const tokens = queryTokens(skeleton);
  if (tokens.length === 0) return { exact: [], typo: [] };
  if (tokens.length === 1) {
    const t = tokens[0]!;
    const alone = withoutArticle(t);
    // One word: the token (or it without an attached article), or a neighbour of a token of two letters or more (Yuuf 'yf' finds Yusuf 'ysf').
    return { exact: [t], typo: [...new Set([...alone.slice(1), ...alone.flatMap((x) => typoVariants(x).filter((v) => v.length >= 2))])] };
  }
  const exact: string[] = [];
  for (let i = 0; i < tokens.length; i++) for (let j = i + 1; j < tokens.length; j++) exact.push(pairKey(tokens[i]!, tokens[j]!));
  const typo = new Set<string>();
  const keyed = [...new Set(tokens.flatMap(withoutArticle))];
  for (const a of keyed) {
    for (const b of keyed) {
      if (a === b || a === `l${b}` || b === `l${a}`) continue;
      if (tokens.length > 2 || byteOrder(a, b) < 0) typo.add(pairKey(a, b));
      for (const v of typoVariants(a)) if (v !== b) typo.add(pairKey(v, b));
    }
  }
  for (const k of exact) typo.delete(k);
  return { exact, typo: [...typo] };
}

type Gathering = SelectQueryBuilder<DB & { c: DB['return_case']; p: DB['person'] }, 'c' | 'p', object>;

/**
 * The cases whose members match the name, as `(case_id, score, capped)` rows to join on `c.id`:
 * `score` the best similarity of a matching member (0 to 1), `capped` true when more members may
 * match than were ranked (more than NAME_MATCH_CAP in the scope, or more than NAME_PEOPLE_LIMIT
 * people of a tier examined). `restrict` applies the actor's scope and the list's filters to
 * `return_case AS c`.
 */
export function nameMatches(db: Executor, skeleton: string, folded: string, restrict: (q: Gathering) => Gathering): RawBuilder<{ case_id: string; score: number; capped: boolean }> {
  const { exact, typo } = searchKeys(skeleton);
  // The people of each tier are looked up alone (a CTE, planned on its own: through the GIN index),
  // and read lazily: the members' cases are joined, in the scope, until the cap is reached.
  const gather = (people: string, limit: number | RawBuilder<number>) =>
    restrict(db.selectFrom(sql`(SELECT * FROM ${sql.table(people)} LIMIT ${NAME_PEOPLE_LIMIT})`.as('mp'))
      .innerJoin('case_member as mm', 'mm.person_id', sql.ref('mp.id') as never)
      .innerJoin('return_case as c', 'c.id', 'mm.case_id') as unknown as Gathering)
      .select([sql.ref('mm.case_id').as('case_id'), sql.ref('mp.name_skeleton').as('name_skeleton'), sql.ref('mp.name_folded').as('name_folded')])
      .limit(limit);
  // The keys as a sub-select: the planner then assumes a selective condition and reads the GIN
  // index (the estimate of hundreds of keys, most of them absent, would make it scan every person).
  const exactMatch = exact.length ? sql<boolean>`block_keys @> (SELECT ${exact}::text[])` : sql<boolean>`false`;
  const groups = Array.from({ length: Math.ceil(typo.length / TYPO_KEY_GROUP) }, (_, i) => typo.slice(i * TYPO_KEY_GROUP, (i + 1) * TYPO_KEY_GROUP));
  const anyGroup = sql.join(groups.map((g) => sql`block_keys && (SELECT ${g}::text[])`), sql` OR `);
  const typoMatch = typo.length ? sql<boolean>`(${anyGroup}) AND NOT ${exactMatch}` : sql<boolean>`false`;
  const people = (match: RawBuilder<boolean>) => sql`SELECT id, name_skeleton, name_folded FROM person WHERE ${match}`;
  // The typing-error tier only fills what the exact tier left of the cap. When the cap is not
  // reached, every person of both tiers was read: the answer is complete unless a tier stopped at
  // its limit (those counts are then read from the CTEs already filled).
  return sql<{ case_id: string; score: number; capped: boolean }>`(
    WITH exact_people AS MATERIALIZED (${people(exactMatch)}),
    typo_people AS MATERIALIZED (${people(typoMatch)}),
    exact_tier AS MATERIALIZED (${gather('exact_people', NAME_MATCH_CAP + 1)}),
    typo_tier AS MATERIALIZED (${gather('typo_people', sql<number>`${NAME_MATCH_CAP + 1} - (SELECT count(*) FROM exact_tier)`)}),
    gathered AS (SELECT t.*, count(*) OVER () AS gathered FROM (SELECT * FROM exact_tier UNION ALL SELECT * FROM typo_tier) t)
    SELECT g.case_id, max(greatest(word_similarity(${skeleton}, g.name_skeleton), word_similarity(${folded}, g.name_folded))) AS score,
           CASE WHEN max(g.gathered) > ${NAME_MATCH_CAP} THEN true
                ELSE (SELECT count(*) FROM (SELECT 1 FROM exact_people LIMIT ${NAME_PEOPLE_LIMIT + 1}) x) > ${NAME_PEOPLE_LIMIT}
                  OR (SELECT count(*) FROM (SELECT 1 FROM typo_people LIMIT ${NAME_PEOPLE_LIMIT + 1}) x) > ${NAME_PEOPLE_LIMIT} END AS capped
      FROM gathered g GROUP BY g.case_id)`;
}
