import { birthDateSimilarity, birthDateVariants } from './birth-date-similarity.js';

/**
 * The two halves of the duplicate check at registration (find-duplicates.ts): the blocking keys
 * that fetch a few hundred candidates through the index on `person.block_keys` (migration 0045),
 * and the ranking of those candidates here, in the application.
 */

/** Tokens that count for the keys: the first 8 of the skeleton (given and family names come first), as in SQL. */
export const MAX_KEY_TOKENS = 8;

const tokensOf = (key: string) => [...new Set(key.split(' ').filter(Boolean).slice(0, MAX_KEY_TOKENS))];

/** The tokens of the keys: also without the l of an attached article ('Alhassan' 'lhsn' -> 'hsn'), as in SQL. */
const keyTokens = (skeleton: string) =>
  [...new Set(tokensOf(skeleton).flatMap((t) => (/^l[a-z]{2,}$/.test(t) ? [t, t.slice(1)] : [t])))];

/**
 * The keys of the person being registered that a possible duplicate shares (see the migration's
 * `person_block_keys`): every pair of skeleton tokens (in both orders, the stored pair being
 * ordered; a token with the l of an attached article also without it), or the token alone when
 * there is one; with a birth date, suffixed by the years within
 * one of it, the years a mistyped digit of the year stands for (unless `typoYears` is false), and
 * '?' (unknown on record);
 * without one, the keys without a year.
 */
export function blockKeysOf(skeleton: string, birthDate: string | null | undefined, thisYear = new Date().getUTCFullYear(), { typoYears = true } = {}): string[] {
  const tokens = keyTokens(skeleton);
  const base: string[] = [];
  if (tokens.length === 1) base.push(tokens[0]!);
  for (const a of tokens) for (const b of tokens) if (a !== b && a !== `l${b}` && b !== `l${a}`) base.push(`${a} ${b}`);
  if (!birthDate) return base;
  const y = Number(birthDate.slice(0, 4));
  const years = new Set([String(y - 1), String(y), String(y + 1), '?']);
  if (typoYears) for (const d of birthDateVariants(birthDate)) if (Number(d.slice(0, 4)) <= thisYear) years.add(d.slice(0, 4));
  return base.flatMap((k) => [...years].map((year) => `${k}|${year}`));
}

let matchedA = new Uint8Array(64);
let matchedB = new Uint8Array(64);

/** Jaro-Winkler similarity of two strings, from 0 to 1 (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  // Which letters matched, in two buffers reused from call to call (a check grades thousands of token pairs).
  if (a.length > matchedA.length || b.length > matchedB.length) {
    matchedA = new Uint8Array(Math.max(a.length, matchedA.length * 2));
    matchedB = new Uint8Array(Math.max(b.length, matchedB.length * 2));
  }
  const aMatched = matchedA.fill(0, 0, a.length);
  const bMatched = matchedB.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * How alike two names are, as sets of tokens (order free: given and family names swapped are the
 * same name): each entered token against its best match on record, averaged (weight 0.8), and
 * each recorded token against the entered ones (0.2), so that a middle name missing on either
 * side costs little and a different given name costs much.
 */
export function tokenSetSimilarity(entered: string, recorded: string): number {
  return tokenSetSimilarityOf(tokensOf(entered), tokensOf(recorded));
}

function tokenSetSimilarityOf(q: readonly string[], r: readonly string[]): number {
  if (!q.length || !r.length) return 0;
  const best = (t: string, others: readonly string[]) => others.reduce((m, o) => Math.max(m, jaroWinkler(t, o)), 0);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return 0.8 * mean(q.map((t) => best(t, r))) + 0.2 * mean(r.map((t) => best(t, q)));
}

/**
 * The name grade: the skeletons (where spellings and scripts meet) and the folded names (where
 * vowels tell Ali from Ola) weighed 2 to 1, or the folded names alone when they are closer.
 */
export function nameSimilarity(entered: { skeleton: string; folded: string }, recorded: { skeleton: string; folded: string }): number {
  return nameGrade(tokenSetSimilarity(entered.skeleton, recorded.skeleton), tokenSetSimilarity(entered.folded, recorded.folded));
}

const nameGrade = (skeleton: number, folded: number) => Math.max(folded, (2 * skeleton + folded) / 3);

export interface RankInput { skeleton: string; folded: string; birthDate?: string | null; nationality?: string | null }
export interface RankedFields { name_skeleton: string; name_folded: string; birth_date: string | null; birth_date_estimated: boolean; nationality: string | null }

/** The weights of the score's three parts. */
export const SCORE_WEIGHTS = { name: 0.6, birthDate: 0.25, nationality: 0.15 } as const;
/** The grade of a date of birth or a nationality unknown on either side. */
export const UNKNOWN_GRADE = 0.3;

/**
 * The score shown with a possible duplicate, from 0 to 1 (two decimals): 0.6 name, 0.25 date of
 * birth (graded by birthDateSimilarity; 0.3 when either is unknown), 0.15 nationality (1 the same,
 * 0.3 unknown or not entered).
 */
export function duplicateScore(input: RankInput, p: RankedFields): number {
  return shown(scorer(input)(p));
}

const shown = (score: number) => Math.round(score * 100) / 100;

/**
 * The score before rounding of candidates against one person being registered: the name grade
 * of a name already graded, and the date grade of a date already graded, are reused. Among a few hundred candidates, namesakes and spellings of one name are many; grading
 * each name again was most of the check's time in the application (6 ms of a 15 ms p95 at
 * 2,000,000 cases, all scope).
 */
function scorer(input: RankInput): (p: RankedFields) => number {
  const names = new Map<string, number>();
  const births = new Map<string, number>();
  const skeleton = tokensOf(input.skeleton);
  const folded = tokensOf(input.folded);
  return (p) => {
    const nameKey = `${p.name_skeleton}\u0000${p.name_folded}`;
    let name = names.get(nameKey);
    if (name === undefined) {
      name = nameGrade(tokenSetSimilarityOf(skeleton, tokensOf(p.name_skeleton)), tokenSetSimilarityOf(folded, tokensOf(p.name_folded)));
      names.set(nameKey, name);
    }
    let birth = UNKNOWN_GRADE;
    if (input.birthDate && p.birth_date) {
      const birthKey = p.birth_date_estimated ? `${p.birth_date}~` : p.birth_date;
      const known = births.get(birthKey);
      birth = known ?? birthDateSimilarity(input.birthDate, p.birth_date, p.birth_date_estimated);
      if (known === undefined) births.set(birthKey, birth);
    }
    const nationality = input.nationality && p.nationality === input.nationality ? 1 : UNKNOWN_GRADE;
    return SCORE_WEIGHTS.name * name + SCORE_WEIGHTS.birthDate * birth + SCORE_WEIGHTS.nationality * nationality;
  };
}

/** At most this many candidates are listed when more than the limit score the same as the last one listed. */
export const TIED_CANDIDATES_MAX = 25;

/**
 * The `limit` best candidates, highest score first (by the score before rounding; equal scores:
 * the earlier candidate first), and after them those whose score, as shown, equals the last
 * one's, up to TIED_CANDIDATES_MAX in all: a list cut in the middle of equals would hide, at
 * random, people exactly as likely to be the one being registered (a dozen namesakes born in the
 * year of a "1 January" date of birth).
 */
export function rankCandidates<T extends RankedFields>(input: RankInput, candidates: readonly T[], limit = 10): (T & { score: number })[] {
  const score = scorer(input);
  const ranked = candidates
    .map((c, i) => ({ c, i, exact: score(c) }))
    .sort((x, y) => y.exact - x.exact || x.i - y.i);
  let n = Math.min(limit, ranked.length);
  while (n > 0 && n < ranked.length && n < TIED_CANDIDATES_MAX && shown(ranked[n]!.exact) === shown(ranked[n - 1]!.exact)) n++;
  return ranked.slice(0, n).map(({ c, exact }) => ({ ...c, score: shown(exact) }));
}
