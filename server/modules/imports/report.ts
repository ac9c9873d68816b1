import { sql } from 'kysely';
import { requirePermission } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { csvRow, UTF8_BOM } from '../../platform/spreadsheet.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findRun } from './runs.js';

const present = (r: { file: 'persons' | 'cases'; line: number; household_key: string | null; legacy_id: string | null; outcome: string; reason: string | null; reason_column: string | null; duplicate_of: string | null }) => ({
  file: r.file, line: r.line, householdKey: r.household_key, legacyId: r.legacy_id, outcome: r.outcome, reason: r.reason, column: r.reason_column, possibleDuplicateOf: r.duplicate_of,
});

/**
 * Where a run's report is: its staged rows while it runs, the report rows kept when it has ended
 * (its staged rows are then deleted). Both have the report's columns.
 */
export const reportTable = (run: { status: string }) => (['done', 'cancelled', 'failed'].includes(run.status) ? 'import_report_row' : 'import_row') as 'import_report_row';

/**
 * A run's report rows: the kept report of an ended run; while it runs, its staged rows and the
 * rejected rows of its cases file (a case row's household key is its own legacy id).
 */
function reportRows(ex: Executor, run: { id: string; status: string }) {
  const live = ex.selectFrom('import_row')
    .select([sql<'persons' | 'cases'>`'persons'`.as('file'), 'line', 'household_key', 'legacy_id', sql<string>`outcome`.as('outcome'), 'reason', 'reason_column', 'duplicate_of'])
    .where('run_id', '=', run.id)
    .unionAll(ex.selectFrom('import_case_row')
      .select([sql<'persons' | 'cases'>`'cases'`.as('file'), 'line', 'legacy_id as household_key', 'legacy_id', sql<string>`outcome`.as('outcome'), 'reason', 'reason_column', sql<string | null>`NULL::uuid`.as('duplicate_of')])
      .where('run_id', '=', run.id).where('outcome', '=', 'rejected'));
  if (reportTable(run) !== 'import_report_row') return live;
  // The same columns, from the kept report.
  return ex.selectFrom('import_report_row').select(['file', 'line', 'household_key', 'legacy_id', 'outcome', 'reason', 'reason_column', 'duplicate_of'])
    .where('run_id', '=', run.id) as unknown as typeof live;
}

/** A page of a run's report: per row its outcome, and for a rejected row the reason and column; a cases file's rows first. */
export async function reportPage(input: { runId: string; outcome?: string; page: number; pageSize: number }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const run = await findRun(db, actor, input.runId);
  let q = db.selectFrom(reportRows(db, run).as('x'));
  if (input.outcome) q = q.where('outcome', '=', input.outcome);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(['file', 'line', 'household_key', 'legacy_id', 'outcome', 'reason', 'reason_column', 'duplicate_of'])
    .orderBy('file').orderBy('line').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  return { total: Number(total.n), page: input.page, pageSize: input.pageSize, items: rows.map(present) };
}

/** The whole report as CSV lines, read in pages so that memory stays flat (the cases file's rows first). */
export async function* reportCsv(input: { runId: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const run = await findRun(db, actor, input.runId);
  yield UTF8_BOM + csvRow(['line', 'household_key', 'legacy_id', 'outcome', 'reason', 'column', 'possible_duplicate_of', 'file']);
  for (const file of ['cases', 'persons'] as const) {
    let after = 0;
    for (;;) {
      const rows = await db.selectFrom(reportRows(db, run).as('x')).select(['line', 'household_key', 'legacy_id', 'outcome', 'reason', 'reason_column', 'duplicate_of'])
        .where('file', '=', file).where('line', '>', after).orderBy('line').limit(5000).execute();
      if (!rows.length) break;
      // Text cells a spreadsheet would read as a formula are neutralised (platform/spreadsheet.ts).
      yield rows.map((r) => csvRow([r.line, r.household_key, r.legacy_id, r.outcome, r.reason, r.reason_column, r.duplicate_of, file])).join('');
      after = rows[rows.length - 1]!.line;
    }
  }
}
