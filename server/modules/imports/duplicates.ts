import { sql, type Selectable } from 'kysely';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseScope } from '../cases/index.js';
import { errors } from './imports.errors.js';
import type { ImportRowTable } from './imports.tables.js';
import { reportTable } from './report.js';
import { findRun } from './runs.js';

type Run = Awaited<ReturnType<typeof findRun>>;
type Row = Pick<Selectable<ImportRowTable>, 'line' | 'household_key' | 'legacy_id' | 'given_name' | 'family_name' | 'original_script_name' | 'birth_date' | 'nationality' | 'name_folded' | 'name_skeleton' | 'duplicate_of'>;

/**
 * A run's rows with a possible duplicate: from its report (the staged rows while it runs, the report
 * rows kept when it has ended), with the person's data from the staged row while there is one, else
 * from the person the import made of it (the staged rows, holding persons' data, are deleted when a
 * run ends; a finished dry run thus lists its rows with the candidate it found, without the names).
 */
function duplicateRows(ex: Executor, run: Run) {
  return ex.selectFrom(`${reportTable(run)} as r`)
    .leftJoin('import_row as ir', (j) => j.onRef('ir.run_id', '=', 'r.run_id').onRef('ir.line', '=', 'r.line'))
    .leftJoin('person as p', (j) => j.on('p.legacy_source', '=', run.source).onRef('p.legacy_id', '=', 'r.legacy_id'))
    .where('r.run_id', '=', run.id).where('r.duplicate_of', 'is not', null);
}
const rowColumns = () => [
  'r.line', 'r.household_key', 'r.legacy_id', 'r.duplicate_of',
  ...(['given_name', 'family_name', 'original_script_name', 'birth_date', 'nationality', 'name_folded', 'name_skeleton'] as const).map((k) =>
    (k === 'birth_date'
      ? sql<string | null>`coalesce(ir.birth_date::text, p.birth_date::text)`
      : sql<string | null>`coalesce(${sql.ref(`ir.${k}`)}, ${sql.ref(`p.${k}`)})`).as(k)),
] as const;

/**
 * The existing persons an imported row looks like: the one the run found (same folded name and
 * date of birth) and any other with that name and date, from another source, each once, and only
 * in cases the reviewer may read. Scored as the duplicate warning weighs name, birth date and
 * nationality; with the decision already recorded for each.
 */
async function candidatesOf(ex: Executor, actor: Actor, run: Run, row: Row) {
  const sameKeys = row.birth_date && row.name_folded
    ? sql<boolean>`(p.name_folded = ${row.name_folded} AND p.birth_date = ${row.birth_date}::date)` : sql<boolean>`false`;
  const rows = await ex.selectFrom('person as p')
    .innerJoin('case_member as m', 'm.person_id', 'p.id')
    .innerJoin('return_case as c', 'c.id', 'm.case_id')
    .leftJoin('import_duplicate_review as d', (j) => j.on('d.run_id', '=', run.id).on('d.line', '=', row.line).onRef('d.candidate_id', '=', 'p.id'))
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .where((eb) => eb.or([eb('p.id', '=', row.duplicate_of ?? '00000000-0000-0000-0000-000000000000'), sameKeys]))
    .where(sql<boolean>`p.legacy_source IS DISTINCT FROM ${run.source}`)
    .where(caseScope(actor, 'case.read'))
    .distinctOn('p.id')
    .select([
      'p.id', 'p.given_name', 'p.family_name', 'p.original_script_name', 'p.birth_date', 'p.nationality', 'c.id as case_id', 'c.case_number',
      'd.decision', 'd.decided_at', 'u.name as decided_by',
      sql<string>`round((0.6 * greatest(similarity(p.name_skeleton, ${row.name_skeleton ?? ''}), similarity(p.name_folded, ${row.name_folded ?? ''}))
        + 0.25 * CASE WHEN p.birth_date = ${row.birth_date}::date THEN 1 ELSE 0.3 END
        + 0.15 * CASE WHEN p.nationality = ${row.nationality} THEN 1 WHEN p.nationality IS NULL OR ${row.nationality}::text IS NULL THEN 0.3 ELSE 0 END)::numeric, 2)`.as('score'),
    ])
    .orderBy('p.id').orderBy('c.created_at')
    .execute();
  return rows.map((p) => ({
    personId: p.id, givenName: p.given_name, familyName: p.family_name, originalScriptName: p.original_script_name, birthDate: p.birth_date,
    nationality: p.nationality, caseId: p.case_id, caseNumber: p.case_number, score: Number(p.score),
    decision: p.decision ?? null, decidedAt: p.decided_at ?? null, decidedBy: p.decided_by ?? null,
  })).sort((a, b) => b.score - a.score).slice(0, 5);
}

/** The person an import created for a row, and the case of their household (none for a dry run). */
async function importedOf(ex: Executor, run: Run, row: Row) {
  if (run.mode !== 'import' || !row.legacy_id) return { personId: null, caseId: null, caseNumber: null };
  const person = await ex.selectFrom('person').select('id').where('legacy_source', '=', run.source).where('legacy_id', '=', row.legacy_id).executeTakeFirst();
  const kase = row.household_key
    ? await ex.selectFrom('return_case').select(['id', 'case_number']).where('legacy_source', '=', run.source).where('legacy_id', '=', row.household_key).executeTakeFirst()
    : undefined;
  return { personId: person?.id ?? null, caseId: kase?.id ?? null, caseNumber: kase?.case_number ?? null };
}

async function present(ex: Executor, actor: Actor, run: Run, row: Row) {
  return {
    line: row.line, householdKey: row.household_key, legacyId: row.legacy_id, ...(await importedOf(ex, run, row)),
    givenName: row.given_name, familyName: row.family_name, originalScriptName: row.original_script_name, birthDate: row.birth_date, nationality: row.nationality,
    candidates: await candidatesOf(ex, actor, run, row),
  };
}

/** A page of a run's imported persons who look like persons already in Homeward, with their candidates. */
export async function listDuplicates(input: { runId: string; open?: 'true' | 'false'; page: number; pageSize: number }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const run = await findRun(db, actor, input.runId);
  let q = duplicateRows(db, run);
  if (input.open === 'true') {
    q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('import_duplicate_review as d').select('d.line').whereRef('d.run_id', '=', 'r.run_id').whereRef('d.line', '=', 'r.line'))));
  }
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows: Row[] = await q.select(rowColumns()).orderBy('r.line').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  const items = [];
  for (const row of rows) items.push(await present(db, actor, run, row));
  return { total: Number(total.n), page: input.page, pageSize: input.pageSize, items };
}

/**
 * Records the reviewer's decision on an imported person and one of their candidates: "different"
 * (not the same person) or "same" (the same person, linked for a review of the two cases). Nothing
 * is merged. A new decision replaces the last; each is audited.
 */
export async function decideDuplicate(input: { runId: string; line: number; candidateId: string; decision: 'same' | 'different' }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  return db.transaction().execute(async (trx) => {
    const run = await findRun(trx, actor, input.runId);
    const row: Row | undefined = await duplicateRows(trx, run).where('r.line', '=', input.line).select(rowColumns()).executeTakeFirst();
    if (!row) throw errors.IMPORT_DUPLICATE_NOT_FOUND();
    if (run.mode !== 'import' || !['done', 'cancelled', 'failed'].includes(run.status)) throw errors.IMPORT_DUPLICATE_NOT_IMPORTED({ mode: run.mode, status: run.status });
    const candidates = await candidatesOf(trx, actor, run, row);
    const candidate = candidates.find((c) => c.personId === input.candidateId);
    if (!candidate) throw errors.IMPORT_DUPLICATE_NOT_FOUND({ field: 'candidateId' });
    const { personId } = await importedOf(trx, run, row);
    await trx.insertInto('import_duplicate_review').values({
      run_id: run.id, line: row.line, candidate_id: candidate.personId, office_id: run.office_id, person_id: personId,
      decision: input.decision, decided_by: actor.userId, decided_at: clock.now(),
    }).onConflict((oc) => oc.columns(['run_id', 'line', 'candidate_id']).doUpdateSet({ decision: input.decision, person_id: personId, decided_by: actor.userId, decided_at: clock.now() }))
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'import.duplicate_reviewed', entityType: 'import_run', entityId: run.id, officeId: run.office_id,
      before: candidate.decision ? { decision: candidate.decision } : undefined,
      after: { line: row.line, personId, candidateId: candidate.personId, decision: input.decision },
    });
    return present(trx, actor, run, row);
  });
}
