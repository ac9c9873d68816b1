import { sql } from 'kysely';
import type { DuplicateCheckInput } from '../../../shared/schemas/cases.js';
import { nameKeys } from '../../../shared/names/name-keys.js';
import { requirePermission } from '../../platform/actor.js';
import { birthDateSimilaritySql, birthDateVariants } from './birth-date-similarity.js';
import { caseScope } from './cases.policy.js';
import { skeletonTokens } from './search-cases.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * People who may already be registered: a similar name in any spelling or script, a date of
 * birth within a year (or unknown, or a mistyped digit away), the same nationality (or unknown).
 * Only people in cases the actor may read are listed; the score weighs the three, the date of
 * birth graded as in birth-date-similarity.ts.
 */
export async function findDuplicates(input: DuplicateCheckInput, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'case.create');
  const parts = [input.givenName, input.familyName, ...(input.otherNames ?? []), input.originalScriptName ?? ''].filter((s) => s.trim());
  if (!parts.length) return { candidates: [] };
  const { skeleton, folded } = nameKeys(parts);
  if (skeleton.replace(/\s/g, '').length < 2 && folded.replace(/\s/g, '').length < 3) return { candidates: [] };
  let q = db
    .selectFrom('person as p')
    .innerJoin('case_member as m', 'm.person_id', 'p.id')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .where((eb) => eb.or([sql<boolean>`string_to_array(p.name_skeleton, ' ') @> ${skeletonTokens(skeleton)}::text[]`, sql<boolean>`p.name_folded % ${folded}`]))
    .where(caseScope(actor, 'case.read'));
  if (input.birthDate) {
    const variants = birthDateVariants(input.birthDate);
    q = q.where((eb) => eb.or([
      eb('p.birth_date', 'is', null),
      eb.between('p.birth_date', sql<string>`${input.birthDate}::date - 366`, sql<string>`${input.birthDate}::date + 366`),
      sql<boolean>`p.birth_date = ANY(${variants}::date[])`,
    ]));
  }
  if (input.nationality) q = q.where((eb) => eb.or([eb('p.nationality', 'is', null), eb('p.nationality', '=', input.nationality!)]));
  const nameScore = sql<number>`greatest(similarity(p.name_skeleton, ${skeleton}), similarity(p.name_folded, ${folded}))`;
  const birthScore = input.birthDate
    ? sql<number>`coalesce(${birthDateSimilaritySql(input.birthDate, sql`p.birth_date`, sql`p.birth_date_estimated`)}, 0.3)`
    : sql<number>`0.3`;
  const nationalityScore = input.nationality ? sql<number>`CASE WHEN p.nationality = ${input.nationality} THEN 1 ELSE 0.3 END` : sql<number>`0.3`;
  const rows = await q
    .select([
      'p.id as person_id', 'p.given_name', 'p.family_name', 'p.original_script_name', 'p.birth_date', 'p.nationality',
      'c.id as case_id', 'c.case_number', 'c.stage', 'm.relationship',
      sql<number>`round((0.6 * ${nameScore} + 0.25 * ${birthScore} + 0.15 * ${nationalityScore})::numeric, 2)`.as('score'),
    ])
    .orderBy('score', 'desc')
    .limit(10)
    .execute();
  return {
    candidates: rows.map((r) => ({
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
      score: Number(r.score),
    })),
  };
}
