import { requirePermission } from '../../platform/actor.js';
import { csvRow, UTF8_BOM } from '../../platform/spreadsheet.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { findRun } from './runs.js';

const present = (r: { line: number; household_key: string | null; legacy_id: string | null; outcome: string; reason: string | null; reason_column: string | null; duplicate_of: string | null }) => ({
  line: r.line, householdKey: r.household_key, legacyId: r.legacy_id, outcome: r.outcome, reason: r.reason, column: r.reason_column, possibleDuplicateOf: r.duplicate_of,
});

/**
 * Where a run's report is: its staged rows while it runs, the report rows kept when it has ended
 * (its staged rows are then deleted). Both have the report's columns.
 */
export const reportTable = (run: { status: string }) => (['done', 'cancelled', 'failed'].includes(run.status) ? 'import_report_row' : 'import_row') as 'import_report_row';

/** A page of a run's report: per row its outcome, and for a rejected row the reason and column. */
export async function reportPage(input: { runId: string; outcome?: string; page: number; pageSize: number }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const run = await findRun(db, actor, input.runId);
  let q = db.selectFrom(reportTable(run)).where('run_id', '=', run.id);
  if (input.outcome) q = q.where('outcome', '=', input.outcome as never);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select(['line', 'household_key', 'legacy_id', 'outcome', 'reason', 'reason_column', 'duplicate_of'])
    .orderBy('line').limit(input.pageSize).offset((input.page - 1) * input.pageSize).execute();
  return { total: Number(total.n), page: input.page, pageSize: input.pageSize, items: rows.map(present) };
}

/** The whole report as CSV lines, read in pages so that memory stays flat. */
export async function* reportCsv(input: { runId: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const run = await findRun(db, actor, input.runId);
  yield UTF8_BOM + csvRow(['line', 'household_key', 'legacy_id', 'outcome', 'reason', 'column', 'possible_duplicate_of']);
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom(reportTable(run)).select(['line', 'household_key', 'legacy_id', 'outcome', 'reason', 'reason_column', 'duplicate_of'])
      .where('run_id', '=', run.id).where('line', '>', after).orderBy('line').limit(5000).execute();
    if (!rows.length) return;
    // Text cells a spreadsheet would read as a formula are neutralised (platform/spreadsheet.ts).
    yield rows.map((r) => csvRow([r.line, r.household_key, r.legacy_id, r.outcome, r.reason, r.reason_column, r.duplicate_of])).join('');
    after = rows[rows.length - 1]!.line;
  }
}
