import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { importHouseholds } from '../cases/index.js';
import type { Clock } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { poolOf, type Db } from '../../platform/db.js';
import type { ImportMapping } from '../../../shared/schemas/imports.js';
import { STAGED_COLUMNS, streamStagedRows, type Delimiter, type Encoding } from './legacy-csv.js';
import { importPath } from './upload-file.js';

export const IMPORT_QUEUE = 'imports.run';

export interface ImportJobDeps {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** Milliseconds spent per phase, added up (the benchmark reads them). */
  timings?: Record<string, number>;
}

/** Runs `fn`, adding its time to `timings[name]`. */
async function timed<T>(deps: ImportJobDeps, name: string, fn: () => Promise<T>): Promise<T> {
  if (!deps.timings) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    deps.timings[name] = (deps.timings[name] ?? 0) + performance.now() - t;
  }
}

/** Rows per batch the file's size suggests: about 10,000 rows (1 MB) per batch, at most 256 batches. */
export const batchesFor = (sizeBytes: number) => Math.min(256, Math.max(1, Math.ceil(sizeBytes / (1024 * 1024))));

async function loadRun(db: Db, runId: string) {
  return db.selectFrom('import_run as r').innerJoin('import_file as f', 'f.id', 'r.file_id').innerJoin('office as o', 'o.id', 'r.office_id')
    .selectAll('r').select(['f.file_name', 'f.sha256', 'f.stored_name', 'f.encoding', 'f.delimiter', 'f.headers', 'o.case_prefix'])
    .where('r.id', '=', runId).executeTakeFirst();
}
type Run = NonNullable<Awaited<ReturnType<typeof loadRun>>>;

/** Reads the file into `import_row` with COPY, then rejects what only the whole file shows: a legacy id twice, a household without one principal. */
async function stage(deps: ImportJobDeps, run: Run) {
  const { db, clock, dataDir } = deps;
  await db.deleteFrom('import_row').where('run_id', '=', run.id).execute();
  const client = await poolOf(db).connect();
  try {
    const copy = client.query(copyFrom(`COPY import_row (${STAGED_COLUMNS.join(', ')}) FROM STDIN`));
    await timed(deps, 'stage.parseAndCopy', () => streamStagedRows(
      { path: importPath(dataDir, run.stored_name), encoding: run.encoding as Encoding, delimiter: run.delimiter as Delimiter, headers: run.headers },
      run.mapping as ImportMapping, { id: run.id, batches: run.batches, officeCode: run.case_prefix, today: clock.now().toISOString().slice(0, 10) }, copy,
    ));
  } finally {
    client.release();
  }
  const mapping = run.mapping as ImportMapping;
  // One pass over the staged rows: a legacy id seen before in the file, a household without exactly one principal.
  await timed(deps, 'stage.fileChecks', () => sql`
    UPDATE import_row r SET outcome = 'rejected', reason = x.reason,
           reason_column = CASE x.reason WHEN 'legacy_id_repeated' THEN ${mapping.columns.legacyId ?? null}::text ELSE ${mapping.columns.relationship ?? null}::text END
      FROM (SELECT line, CASE
                     WHEN row_number() OVER (PARTITION BY legacy_id ORDER BY line) > 1 THEN 'legacy_id_repeated'
                     WHEN count(*) FILTER (WHERE relationship = 'principal') OVER (PARTITION BY household_key) <> 1 THEN 'household_principal'
                   END AS reason
              FROM import_row WHERE run_id = ${run.id} AND outcome = 'pending') x
     WHERE r.run_id = ${run.id} AND r.line = x.line AND x.reason IS NOT NULL`.execute(db));
  const total = await db.selectFrom('import_row').select((eb) => eb.fn.countAll<string>().as('n')).where('run_id', '=', run.id).executeTakeFirstOrThrow();
  await db.updateTable('import_run').set({ staged: true, rows_total: Number(total.n), updated_at: clock.now() }).where('id', '=', run.id).execute();
}

/**
 * Gives each valid row its outcome against what Homeward holds now (created, updated, unchanged),
 * and marks a new person who looks like one already in Homeward (same folded name and date of
 * birth) as a possible duplicate, for review: nothing is merged.
 */
async function classify(deps: ImportJobDeps, run: Run) {
  const { db, clock } = deps;
  // Correlated look-ups by the unique (source, legacy id) and the (name, birth date) indexes: the
  // plan does not depend on statistics of the staged rows, which the application role cannot gather.
  await timed(deps, 'classify.outcome', () => sql`
    UPDATE import_row r SET outcome = COALESCE((
      SELECT CASE
        WHEN (p.given_name, p.family_name, p.original_script_name, p.sex, p.birth_date, p.nationality)
             IS NOT DISTINCT FROM (r.given_name, r.family_name, r.original_script_name, r.sex, r.birth_date, r.nationality)
         AND (r.relationship <> 'principal' OR EXISTS (
               SELECT 1 FROM return_case c WHERE c.legacy_source = ${run.source} AND c.legacy_id = r.household_key
                  AND (c.kind, c.stage, c.legal_status, c.country_of_return) IS NOT DISTINCT FROM (r.kind, r.stage, r.legal_status, r.country_of_return)))
        THEN 'unchanged' ELSE 'updated' END
        FROM person p WHERE p.legacy_source = ${run.source} AND p.legacy_id = r.legacy_id), 'created')
     WHERE r.run_id = ${run.id} AND r.outcome = 'pending'`.execute(db));
  await timed(deps, 'classify.duplicates', () => sql`
    UPDATE import_row r SET duplicate_of = (
      SELECT p.id FROM person p WHERE p.name_folded = r.name_folded AND p.birth_date = r.birth_date AND p.legacy_source IS DISTINCT FROM ${run.source}
       ORDER BY p.id LIMIT 1)
     WHERE r.run_id = ${run.id} AND r.outcome = 'created' AND r.birth_date IS NOT NULL`.execute(db));
  const counts = await db.selectFrom('import_row').select(['outcome', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.count<string>('duplicate_of').as('dups')])
    .where('run_id', '=', run.id).groupBy('outcome').execute();
  const n = (o: string) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
  await db.updateTable('import_run').set({
    classified: true, created_count: n('created'), updated_count: n('updated'), unchanged_count: n('unchanged'), rejected_count: n('rejected'),
    duplicate_count: counts.reduce((s, c) => s + Number(c.dups), 0),
    rows_done: run.mode === 'dry_run' ? counts.reduce((s, c) => s + Number(c.n), 0) : 0, updated_at: clock.now(),
  }).where('id', '=', run.id).execute();
}

async function finish(deps: ImportJobDeps, run: Run, status: 'done' | 'cancelled' | 'failed', errorCode: string | null = null) {
  const { db, clock } = deps;
  await db.transaction().execute(async (trx) => {
    const done = await trx.updateTable('import_run').set({ status, error_code: errorCode, finished_at: clock.now(), updated_at: clock.now() })
      .where('id', '=', run.id).returningAll().executeTakeFirstOrThrow();
    if (run.mode === 'import') {
      await audit(trx, { actorId: run.started_by, officeId: run.office_id, ip: null }, {
        event: status === 'cancelled' ? 'import.cancelled' : 'import.completed', entityType: 'import_run', entityId: run.id, officeId: run.office_id,
        after: {
          status, fileName: run.file_name, sha256: run.sha256, source: run.source, rows: done.rows_total, rowsDone: done.rows_done,
          created: done.created_count, updated: done.updated_count, unchanged: done.unchanged_count, rejected: done.rejected_count,
          possibleDuplicates: done.duplicate_count, errorCode,
        },
      });
    }
  });
}

/**
 * The job: stages the file, classifies its rows, and for an import writes it batch by batch, each
 * batch in one transaction with the run's progress, so a run stopped anywhere (the process
 * killed, the job retried) resumes after its last committed batch. `stopAfterBatches` stops it
 * there as a crash would (tests of the resume).
 */
export async function runImport(runId: string, deps: ImportJobDeps, opts: { stopAfterBatches?: number } = {}): Promise<'done' | 'stopped' | 'cancelled' | 'skipped'> {
  const { db, clock } = deps;
  let run = await loadRun(db, runId);
  if (!run || ['done', 'failed', 'cancelled'].includes(run.status)) return 'skipped';
  await db.updateTable('import_run').set({ status: 'running', started_at: run.started_at ?? clock.now(), updated_at: clock.now() }).where('id', '=', runId).execute();
  try {
    const rowsLeft = run.staged ? Number((await db.selectFrom('import_row').select((eb) => eb.fn.countAll<string>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow()).n) : 0;
    if (!run.staged || rowsLeft === 0) {
      // A crash of PostgreSQL empties the unlogged staged rows: stage and classify again, before any batch was written.
      if (run.staged && run.batches_done > 0) throw new Error('staged rows lost after batches were written');
      await stage(deps, run);
      await db.updateTable('import_run').set({ classified: false }).where('id', '=', runId).execute();
      run = (await loadRun(db, runId))!;
    }
    if (!run.classified) {
      await classify(deps, run);
      run = (await loadRun(db, runId))!;
    }
    if (run.mode === 'dry_run') {
      await finish(deps, run, 'done');
      return 'done';
    }
    let written = 0;
    for (let b = run.batches_done; b < run.batches; b++) {
      const flags = await db.selectFrom('import_run').select('cancel_requested').where('id', '=', runId).executeTakeFirstOrThrow();
      if (flags.cancel_requested) {
        await finish(deps, run, 'cancelled');
        return 'cancelled';
      }
      if (opts.stopAfterBatches !== undefined && written >= opts.stopAfterBatches) return 'stopped';
      await db.transaction().execute(async (trx) => {
        // Two imports of one source write one batch at a time: the second sees the first's rows and adds none.
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`import:${run!.source}`}))`.execute(trx);
        const changed = await timed(deps, 'batch.write', () => importHouseholds(trx, { runId, batch: b, source: run!.source, officeId: run!.office_id, actorId: run!.started_by, now: clock.now(), timings: deps.timings }));
        for (const c of changed) {
          await audit(trx, { actorId: run!.started_by, officeId: run!.office_id, ip: null }, {
            event: 'import.person_updated', entityType: 'person', entityId: c.id, officeId: run!.office_id,
            before: c.before, after: c.after, details: { importRunId: runId, source: run!.source, legacyId: c.legacy_id },
          });
        }
        const rows = await trx.selectFrom('import_row').select((eb) => eb.fn.countAll<string>().as('n')).where('run_id', '=', runId).where('batch', '=', b).executeTakeFirstOrThrow();
        await trx.updateTable('import_run').set((eb) => ({ batches_done: b + 1, rows_done: eb('rows_done', '+', Number(rows.n)), updated_at: clock.now() }))
          .where('id', '=', runId).execute();
      });
      written++;
    }
    await finish(deps, run, 'done');
    return 'done';
  } catch (err) {
    await finish(deps, run, 'failed', 'IMPORT_FAILED').catch(() => undefined);
    throw err;
  }
}
