import { unlink } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { deferImportStatistics, freshImportRows, importHouseholds, refreshImportedStatistics } from '../cases/index.js';
import { importHouseholdVulnerabilities, importVulnerabilityRows, sameSealedDetails } from '../protection/index.js';
import { importComponentRows } from '../reintegration/index.js';
import { importVisitRows } from '../monitoring/index.js';
import { importArrivals } from '../handover/index.js';
import type { Clock } from '../../platform/actor.js';
import { audit, auditMany } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { poolOf, type DB, type Db } from '../../platform/db.js';
import type { ImportMapping } from '../../../shared/schemas/imports.js';
import { stagedColumnsOf, streamStagedRows, type Delimiter, type Encoding } from './legacy-csv.js';
import { importPath } from './upload-file.js';
import { classifyVisitRows } from './classify-visits.js';

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

/**
 * Batches the file's size suggests: about 40,000 rows (4 MiB) per batch, at most 256 batches. Each
 * batch costs a few statements and one refresh of the statistics cells whatever its size, so fewer,
 * larger batches write the same rows in less time; a crash redoes at most one of them.
 */
export const batchesFor = (sizeBytes: number) => Math.min(256, Math.max(1, Math.ceil(sizeBytes / (4 * 1024 * 1024))));

/**
 * Batches written at the same time, each on its own connection. Two for the person file: a batch
 * writes its persons, cases and members while the one before it refreshes the statistics cells;
 * it takes no shared lock (the audit chain head, the cells) before the one before it has
 * committed, as its statistics are deferred and refreshed, with its vulnerabilities, audit events
 * and progress, only then. One for the other files, whose statements move the cells (and take the
 * head) as they go: a second batch holding the head while it waits for the first to commit would
 * wait on the first forever.
 */
const writersFor = (entity: string) => (entity === 'households' ? 2 : 1);

/**
 * The planner's statistics of the staged rows, once a COPY has written them (migration 0054): the
 * checks and joins that follow are then planned for the rows the run has, not for the empty table
 * autovacuum last saw.
 */
const analyzeStaged = (deps: ImportJobDeps) => timed(deps, 'stage.analyze', () => sql`SELECT import_analyze_staged()`.execute(deps.db));

/** Errors that refuse the file itself: the run fails with the error's code, and a retry would fail the same way. */
const FILE_REFUSALS = new Set(['IMPORT_TOO_MANY_COLUMNS']);

async function loadRun(db: Db, runId: string) {
  return db.selectFrom('import_run as r').innerJoin('import_file as f', 'f.id', 'r.file_id').innerJoin('office as o', 'o.id', 'r.office_id')
    .leftJoin('import_file as cf', 'cf.id', 'r.cases_file_id')
    .selectAll('r').select(['f.file_name', 'f.sha256', 'f.stored_name', 'f.encoding', 'f.delimiter', 'f.headers', 'o.case_prefix'])
    .select(['cf.file_name as cases_file_name', 'cf.sha256 as cases_sha256', 'cf.stored_name as cases_stored_name', 'cf.encoding as cases_encoding',
      'cf.delimiter as cases_delimiter', 'cf.headers as cases_headers'])
    .where('r.id', '=', runId).executeTakeFirst();
}
type Run = NonNullable<Awaited<ReturnType<typeof loadRun>>>;

/** The mapping's columns that say which case fields the run has: the cases file's when the cases are in a file of their own. */
const caseColumnsOf = (run: Run) => ((run.cases_mapping ?? run.mapping) as ImportMapping).columns;

/**
 * The cases file of a person file whose cases are in a file of their own: streamed with COPY into
 * `import_case_row`, each row validated as the person file's case fields are; then a legacy id seen
 * before in the file, and a project code no project of the office's organisation has, reject the row.
 */
async function stageCases(deps: ImportJobDeps, run: Run) {
  const { db, clock, dataDir } = deps;
  const mapping = run.cases_mapping as ImportMapping;
  await db.deleteFrom('import_case_row').where('run_id', '=', run.id).execute();
  const client = await poolOf(db).connect();
  try {
    const copy = client.query(copyFrom(`COPY import_case_row (${stagedColumnsOf('cases').join(', ')}) FROM STDIN`));
    await timed(deps, 'stage.casesParseAndCopy', () => streamStagedRows(
      { path: importPath(dataDir, run.cases_stored_name!), encoding: run.cases_encoding as Encoding, delimiter: run.cases_delimiter as Delimiter, headers: run.cases_headers! },
      mapping, { id: run.id, batches: run.batches, officeCode: run.case_prefix, today: clock.now().toISOString().slice(0, 10), entity: 'cases' }, copy,
    ));
  } catch (err) {
    client.release(err as Error);
    throw err;
  }
  client.release();
  await analyzeStaged(deps);
  await timed(deps, 'stage.casesChecks', async () => {
    await sql`
      UPDATE import_case_row r SET outcome = 'rejected', reason = 'legacy_id_repeated', reason_column = ${mapping.columns.legacyId ?? null}::text
        FROM (SELECT line, row_number() OVER (PARTITION BY legacy_id ORDER BY line) AS n FROM import_case_row WHERE run_id = ${run.id} AND outcome <> 'rejected') x
       WHERE r.run_id = ${run.id} AND r.line = x.line AND x.n > 1`.execute(db);
    if (!mapping.columns.projectCode) return;
    await sql`
      UPDATE import_case_row r SET project_id = pr.id
        FROM project pr JOIN office o ON o.organisation_id = pr.organisation_id
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND r.project_code IS NOT NULL AND o.id = ${run.office_id} AND pr.code = r.project_code`.execute(db);
    await sql`
      UPDATE import_case_row SET outcome = 'rejected', reason = 'project_unknown', reason_column = ${mapping.columns.projectCode}::text
       WHERE run_id = ${run.id} AND outcome <> 'rejected' AND project_code IS NOT NULL AND project_id IS NULL`.execute(db);
  });
}

/**
 * Each person's case fields, copied set-based from their case's row (the household key is the
 * case's legacy id); a person whose case the cases file does not have is rejected
 * `case_not_found`, one whose case row was rejected `case_rejected`, both on the household key's column.
 */
async function joinCases(deps: ImportJobDeps, run: Run) {
  const keyColumn = (run.mapping as ImportMapping).columns.householdKey ?? null;
  await timed(deps, 'stage.joinCases', () => deps.db.transaction().execute(async (db) => {
    await sql`SET LOCAL enable_nestloop = off`.execute(db);
    await sql`
      UPDATE import_row r SET legal_status = c.legal_status, country_of_return = c.country_of_return, kind = c.kind, stage = c.stage,
             registered_on = c.registered_on, approved_on = c.approved_on, departed_on = c.departed_on, arrived_on = c.arrived_on, closed_on = c.closed_on,
             admitted_on = c.admitted_on, project_code = c.project_code, project_id = c.project_id
        FROM import_case_row c
       WHERE r.run_id = ${run.id} AND c.run_id = ${run.id} AND c.legacy_id = r.household_key AND c.outcome <> 'rejected' AND r.outcome <> 'rejected'`.execute(db);
    await sql`
      UPDATE import_row r SET outcome = 'rejected', reason_column = ${keyColumn}::text,
             reason = CASE WHEN EXISTS (SELECT 1 FROM import_case_row c WHERE c.run_id = ${run.id} AND c.legacy_id = r.household_key)
                           THEN 'case_rejected' ELSE 'case_not_found' END
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND r.registered_on IS NULL`.execute(db);
  }));
}

/**
 * Reads the file into `import_row` with COPY (one statement: a file refused on the way stages
 * nothing), then rejects what only the whole file shows: a legacy id twice, a household without
 * one principal. Valid rows are staged as `created`; `classify` corrects those Homeward holds.
 */
async function stage(deps: ImportJobDeps, run: Run) {
  const { db, clock, dataDir } = deps;
  // A person file whose cases are in a file of their own: the cases first.
  if (run.cases_file_id) await stageCases(deps, run);
  await db.deleteFrom('import_row').where('run_id', '=', run.id).execute();
  const client = await poolOf(db).connect();
  let rows: number;
  try {
    const copy = client.query(copyFrom(`COPY import_row (${stagedColumnsOf(run.entity).join(', ')}) FROM STDIN`));
    rows = await timed(deps, 'stage.parseAndCopy', () => streamStagedRows(
      { path: importPath(dataDir, run.stored_name), encoding: run.encoding as Encoding, delimiter: run.delimiter as Delimiter, headers: run.headers },
      run.mapping as ImportMapping, {
        id: run.id, batches: run.batches, officeCode: run.case_prefix, today: clock.now().toISOString().slice(0, 10), entity: run.entity,
        casesApart: !!run.cases_file_id,
      }, copy,
    ));
  } catch (err) {
    // A COPY stopped half way: the connection is closed rather than handed back.
    client.release(err as Error);
    throw err;
  }
  client.release();
  await analyzeStaged(deps);
  const mapping = run.mapping as ImportMapping;
  if (run.entity === 'components' || run.entity === 'visits') {
    // A legacy id seen before in the file.
    await timed(deps, 'stage.fileChecks', () => sql`
      UPDATE import_row r SET outcome = 'rejected', reason = 'legacy_id_repeated', reason_column = ${mapping.columns.legacyId ?? null}::text
        FROM (SELECT line, row_number() OVER (PARTITION BY legacy_id ORDER BY line) AS n FROM import_row WHERE run_id = ${run.id} AND outcome <> 'rejected') x
       WHERE r.run_id = ${run.id} AND r.line = x.line AND x.n > 1`.execute(db));
  } else if (run.entity === 'vulnerabilities') {
    // A legacy id, or a person's category, seen before in the file.
    await timed(deps, 'stage.fileChecks', () => sql`
      UPDATE import_row r SET outcome = 'rejected', reason = x.reason,
             reason_column = CASE x.reason WHEN 'legacy_id_repeated' THEN ${mapping.columns.legacyId ?? null}::text ELSE ${mapping.columns.category ?? null}::text END
        FROM (SELECT line, CASE
                       WHEN row_number() OVER (PARTITION BY legacy_id ORDER BY line) > 1 THEN 'legacy_id_repeated'
                       WHEN row_number() OVER (PARTITION BY household_key, person_legacy_id, entity_values->>'category' ORDER BY line) > 1 THEN 'category_repeated'
                     END AS reason
                FROM import_row WHERE run_id = ${run.id} AND outcome <> 'rejected') x
       WHERE r.run_id = ${run.id} AND r.line = x.line AND x.reason IS NOT NULL`.execute(db));
  } else {
  if (run.cases_file_id) await joinCases(deps, run);
  if (mapping.columns.projectCode) {
    // The case's project, by its code among the projects of the office's organisation; a principal's
    // unknown code rejects the row (and so, below, the rest of the household).
    await timed(deps, 'stage.projects', async () => {
      await sql`
        UPDATE import_row r SET project_id = pr.id
          FROM project pr JOIN office o ON o.organisation_id = pr.organisation_id
         WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND r.project_code IS NOT NULL AND o.id = ${run.office_id} AND pr.code = r.project_code`.execute(db);
      await sql`
        UPDATE import_row SET outcome = 'rejected', reason = 'project_unknown', reason_column = ${mapping.columns.projectCode ?? null}::text
         WHERE run_id = ${run.id} AND outcome <> 'rejected' AND relationship = 'principal' AND project_code IS NOT NULL AND project_id IS NULL`.execute(db);
    });
  }
  // One pass over the staged rows: a legacy id seen before in the file, a household without exactly one principal.
  await timed(deps, 'stage.fileChecks', () => sql`
    UPDATE import_row r SET outcome = 'rejected', reason = x.reason,
           reason_column = CASE x.reason WHEN 'legacy_id_repeated' THEN ${mapping.columns.legacyId ?? null}::text ELSE ${mapping.columns.relationship ?? null}::text END
      FROM (SELECT line, CASE
                     WHEN row_number() OVER (PARTITION BY legacy_id ORDER BY line) > 1 THEN 'legacy_id_repeated'
                     WHEN count(*) FILTER (WHERE relationship = 'principal') OVER (PARTITION BY household_key) <> 1 THEN 'household_principal'
                   END AS reason
              FROM import_row WHERE run_id = ${run.id} AND outcome <> 'rejected') x
     WHERE r.run_id = ${run.id} AND r.line = x.line AND x.reason IS NOT NULL`.execute(db));
  }
  await db.updateTable('import_run').set({ staged: true, rows_total: rows, updated_at: clock.now() }).where('id', '=', run.id).execute();
}

/**
 * Gives each valid row its outcome against what Homeward holds now (created, updated, unchanged),
 * and marks a new person who looks like one already in Homeward (same folded name and date of
 * birth) as a possible duplicate, for review: nothing is merged. Both are joins of the staged rows
 * with `person` that rewrite only the rows they change: a first import of a source rewrites none.
 */
async function classify(deps: ImportJobDeps, run: Run) {
  if (run.entity === 'vulnerabilities') return classifyVulnerabilities(deps, run);
  if (run.entity === 'components') return classifyComponents(deps, run);
  if (run.entity === 'visits') {
    return deps.db.transaction().execute(async (db) => {
      await sql`SET LOCAL enable_nestloop = off`.execute(db);
      await timed(deps, 'classify.outcome', () => classifyVisitRows(db, run, () => linkCases(deps, db, run)));
      await storeCounts(deps, db, run);
    });
  }
  const columns = caseColumnsOf(run);
  const hasProject = !!columns.projectCode;
  const hasAdmission = !!columns.admittedOn;
  const hasApproval = !!columns.approvedOn;
  await deps.db.transaction().execute(async (db) => {
    // The staged rows have no statistics (the application role may not ANALYZE them): without nested
    // loops, which a row estimate of 1 would choose, the joins are hash joins whatever the estimates.
    await sql`SET LOCAL enable_nestloop = off`.execute(db);
    // Joins only, no subquery per row: a subquery's plan is chosen once for every row, and with the
    // statistics of a table that has just grown (a first import, then the same file again) it could
    // scan the whole table for each row.
    await timed(deps, 'classify.outcome', () => sql`
      WITH vul AS (
        SELECT x.person_id, array_agg(x.category) AS categories
          FROM vulnerability x
         WHERE x.person_id IN (SELECT p.id FROM import_row s JOIN person p ON p.legacy_source = ${run.source} AND p.legacy_id = s.legacy_id
                                WHERE s.run_id = ${run.id} AND s.outcome <> 'rejected' AND s.vulnerabilities IS NOT NULL)
         GROUP BY x.person_id
      ), x AS (
        SELECT s.line, CASE
            WHEN (p.given_name, p.family_name, p.original_script_name, p.sex, p.birth_date, p.birth_date_estimated, p.nationality)
                 IS NOT DISTINCT FROM (s.given_name, s.family_name, s.original_script_name, s.sex, s.birth_date, s.birth_date_estimated, s.nationality)
             -- The person is a member of their household's case, in the file's relationship (a new member, a
             -- corrected relationship or a new principal updates the row).
             AND m.relationship = s.relationship
             AND (s.relationship <> 'principal' OR (c.id IS NOT NULL
                  AND (c.kind, c.stage, c.legal_status, c.country_of_return) IS NOT DISTINCT FROM (s.kind, s.stage, s.legal_status, s.country_of_return)
                  -- The departure day, as the batch writes it (a voluntary return's only): a corrected date updates the case.
                  AND c.departed_on IS NOT DISTINCT FROM CASE WHEN s.kind = 'voluntary_return' THEN s.departed_on END
                  -- The registration day and the day of the final stage (the latest of the file's dates), as the batch
                  -- writes them: a corrected date updates the case.
                  AND c.created_at IS NOT DISTINCT FROM s.registered_on::timestamptz
                  -- (Without a column for the approval day, the one the case holds counts among them.)
                  AND c.stage_changed_at IS NOT DISTINCT FROM GREATEST(s.registered_on, CASE WHEN ${hasApproval} THEN s.approved_on ELSE c.approved_on END,
                                                                       s.departed_on, s.arrived_on, s.closed_on, s.admitted_on)::timestamptz
                  -- A field the mapping has no column for is left as it is, so it changes nothing.
                  AND (NOT ${hasProject} OR c.project_id IS NOT DISTINCT FROM s.project_id)
                  AND (NOT ${hasApproval} OR c.approved_on IS NOT DISTINCT FROM s.approved_on)
                  AND (NOT ${hasAdmission} OR c.admission_date IS NOT DISTINCT FROM s.admitted_on)
                  -- The arrival day, as the batch writes it: kept when the case has none, replaced when the same source
                  -- gave another; an arrival confirmed in Homeward or given by another source is left as it is.
                  AND (s.arrived_on IS NULL OR (a.case_id IS NOT NULL AND (a.legacy_source IS DISTINCT FROM ${run.source} OR a.arrived_on = s.arrived_on)))))
             AND (s.document_number IS NULL OR (d.id IS NOT NULL
                  AND (d.type, d.number_norm, d.issuing_country) IS NOT DISTINCT FROM (s.document_type, s.document_number_norm, s.document_country)))
             -- A category of the file the person does not have yet changes the row.
             AND (s.vulnerabilities IS NULL OR s.vulnerabilities <@ coalesce(v.categories, '{}'))
            THEN 'unchanged' ELSE 'updated' END AS outcome
          FROM import_row s
          JOIN person p ON p.legacy_source = ${run.source} AND p.legacy_id = s.legacy_id
          LEFT JOIN return_case c ON s.relationship = 'principal' AND c.legacy_source = ${run.source} AND c.legacy_id = s.household_key
          LEFT JOIN arrival a ON a.case_id = c.id
          LEFT JOIN return_case hc ON hc.legacy_source = ${run.source} AND hc.legacy_id = s.household_key
          LEFT JOIN case_member m ON m.case_id = hc.id AND m.person_id = p.id
          LEFT JOIN identity_document d ON s.document_number IS NOT NULL AND d.person_id = p.id AND d.legacy_source = ${run.source}
          LEFT JOIN vul v ON v.person_id = p.id
         WHERE s.run_id = ${run.id} AND s.outcome <> 'rejected'
      )
      UPDATE import_row r SET outcome = x.outcome
        FROM x
       WHERE r.run_id = ${run.id} AND r.line = x.line`.execute(db));
    // The duplicate check, set-based on the blocking key (folded name, date of birth): the keys of the
    // new rows, the first person (by id) of each key, then the rows of each key. Each step joins a
    // row with at most one other, however many persons share a common name and birth date.
    await timed(deps, 'classify.duplicates', () => sql`
      WITH k AS (
        SELECT DISTINCT name_folded, birth_date FROM import_row
         WHERE run_id = ${run.id} AND outcome = 'created' AND birth_date IS NOT NULL
      ), m AS (
        SELECT DISTINCT ON (p.name_folded, p.birth_date) p.name_folded, p.birth_date, p.id
          FROM person p JOIN k ON p.name_folded = k.name_folded AND p.birth_date = k.birth_date
         WHERE p.legacy_source IS DISTINCT FROM ${run.source}
         ORDER BY p.name_folded, p.birth_date, p.id
      )
      UPDATE import_row r SET duplicate_of = m.id
        FROM m
       WHERE r.run_id = ${run.id} AND r.outcome = 'created' AND r.name_folded = m.name_folded AND r.birth_date = m.birth_date
         AND r.duplicate_of IS DISTINCT FROM m.id`.execute(db));
    await storeCounts(deps, db, run);
  });
}

/** The run's counts by outcome, once its rows are classified (a dry run is then done with every row). */
async function storeCounts(deps: ImportJobDeps, db: Kysely<DB>, run: Run) {
  const counts = await timed(deps, 'classify.counts', () => db.selectFrom('import_row')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.count<string>('duplicate_of').as('dups')])
    .where('run_id', '=', run.id).groupBy('outcome').execute());
  const n = (o: string) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
  await db.updateTable('import_run').set({
    classified: true, created_count: n('created'), updated_count: n('updated'), unchanged_count: n('unchanged'), rejected_count: n('rejected'),
    duplicate_count: counts.reduce((s, c) => s + Number(c.dups), 0),
    rows_done: run.mode === 'dry_run' ? counts.reduce((s, c) => s + Number(c.n), 0) : 0, updated_at: deps.clock.now(),
  }).where('id', '=', run.id).execute();
}

/** Each row of an entity file to its case, by legacy id, imported from the same source into the run's office; else rejected with the column. */
async function linkCases(deps: ImportJobDeps, db: Kysely<DB>, run: Run) {
  const mapping = run.mapping as ImportMapping;
  await timed(deps, 'classify.links', () => sql`
    UPDATE import_row r SET case_id = c.id
      FROM return_case c
     WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND c.legacy_source = ${run.source} AND c.legacy_id = r.household_key
       AND c.office_id = ${run.office_id}`.execute(db));
  await sql`
    UPDATE import_row r SET outcome = 'rejected', reason = 'case_not_found', reason_column = ${mapping.columns.caseLegacyId ?? null}::text
     WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND r.case_id IS NULL`.execute(db);
}

/**
 * A file of reintegration components: each row's case (as `linkCases`), refused when the case's
 * plan has a version made in Homeward (the import writes only into the plan version it made:
 * `case_has_plan`), and the component it updates (same source and legacy id in the imported
 * version; `unchanged` when type, description, amount, currency, period and status are the same).
 * A legacy id another case's component holds is rejected.
 */
async function classifyComponents(deps: ImportJobDeps, run: Run) {
  const mapping = run.mapping as ImportMapping;
  await deps.db.transaction().execute(async (db) => {
    await sql`SET LOCAL enable_nestloop = off`.execute(db);
    await linkCases(deps, db, run);
    await sql`
      UPDATE import_row r SET outcome = 'rejected', reason = 'case_has_plan', reason_column = ${mapping.columns.caseLegacyId ?? null}::text
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected'
         AND EXISTS (SELECT 1 FROM reintegration_plan_version v WHERE v.case_id = r.case_id AND v.legacy_source IS NULL)`.execute(db);
    await sql`
      UPDATE import_row r SET outcome = 'rejected', reason = 'legacy_id_taken', reason_column = ${mapping.columns.legacyId ?? null}::text
        FROM reintegration_component k
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND k.legacy_source = ${run.source} AND k.legacy_id = r.legacy_id
         AND k.case_id <> r.case_id`.execute(db);
    await timed(deps, 'classify.outcome', () => sql`
      UPDATE import_row r SET target_id = k.id, outcome = CASE
          WHEN (k.type, k.description, k.amount_minor, k.currency, k.starts_on, k.ends_on, k.status)
               IS NOT DISTINCT FROM (r.entity_values->>'type', COALESCE(r.entity_values->>'description', 'imported from ' || ${run.source}),
                 (r.entity_values->>'amountMinor')::bigint, r.entity_values->>'currency', (r.entity_values->>'startsOn')::date,
                 (r.entity_values->>'endsOn')::date, r.entity_values->>'status')
          THEN 'unchanged' ELSE 'updated' END
        FROM reintegration_component k JOIN reintegration_plan_version v ON v.id = k.version_id AND v.legacy_source = ${run.source}
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND k.case_id = r.case_id
         AND k.legacy_source = ${run.source} AND k.legacy_id = r.legacy_id`.execute(db));
    await storeCounts(deps, db, run);
  });
}

/**
 * A file of vulnerabilities: each row's case (by its legacy id, imported from the same source into
 * the run's office), its person (by legacy id, a member of that case), and the vulnerability it
 * updates (the person's category in that case). A row whose case or person is not found is
 * rejected with the column that names it; a legacy id another vulnerability of the source holds is
 * rejected too. Set-based joins, in one transaction.
 */
async function classifyVulnerabilities(deps: ImportJobDeps, run: Run) {
  const mapping = run.mapping as ImportMapping;
  await deps.db.transaction().execute(async (db) => {
    await sql`SET LOCAL enable_nestloop = off`.execute(db);
    await linkCases(deps, db, run);
    await sql`
      UPDATE import_row r SET person_id = p.id
        FROM person p JOIN case_member m ON m.person_id = p.id
       WHERE r.run_id = ${run.id} AND r.case_id IS NOT NULL AND p.legacy_source = ${run.source} AND p.legacy_id = r.person_legacy_id
         AND m.case_id = r.case_id`.execute(db);
    await sql`
      UPDATE import_row r SET outcome = 'rejected',
             reason = 'person_not_in_case', reason_column = ${mapping.columns.personLegacyId ?? null}::text
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND r.person_id IS NULL`.execute(db);
    await sql`
      UPDATE import_row r SET outcome = 'rejected', reason = 'legacy_id_taken', reason_column = ${mapping.columns.legacyId ?? null}::text
        FROM vulnerability v
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND v.legacy_source = ${run.source} AND v.legacy_id = r.legacy_id
         AND (v.case_id, v.person_id, v.category) IS DISTINCT FROM (r.case_id, r.person_id, r.entity_values->>'category')`.execute(db);
    await timed(deps, 'classify.outcome', () => sql`
      UPDATE import_row r SET target_id = v.id, outcome = CASE
          WHEN (v.status, v.identified_on, v.details)
               IS NOT DISTINCT FROM (r.entity_values->>'status', (r.entity_values->>'identifiedOn')::date, r.entity_values->>'details')
          THEN 'unchanged' ELSE 'updated' END
        FROM vulnerability v
       WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND v.case_id = r.case_id AND v.person_id = r.person_id
         AND v.category = r.entity_values->>'category'`.execute(db));
    // Details are stored sealed for the person: those SQL saw as changed are compared opened.
    const sealed = await sql<{ id: string; details: string | null }>`
      SELECT v.id, r.entity_values->>'details' AS details FROM import_row r JOIN vulnerability v ON v.id = r.target_id
       WHERE r.run_id = ${run.id} AND r.outcome = 'updated' AND v.details IS NULL AND v.details_encrypted IS NOT NULL
         AND (v.status, v.identified_on) IS NOT DISTINCT FROM (r.entity_values->>'status', (r.entity_values->>'identifiedOn')::date)`.execute(db);
    const same = await sameSealedDetails(db, sealed.rows);
    if (same.length) await sql`UPDATE import_row SET outcome = 'unchanged' WHERE run_id = ${run.id} AND outcome = 'updated' AND target_id = ANY(${same}::uuid[])`.execute(db);
    await storeCounts(deps, db, run);
  });
}

/**
 * Ends a run: its status and, for an import, one audit event (who, file name, hash, counts); its
 * report rows kept (`import_report_row`) and its staged rows, which hold the persons' data,
 * deleted, all in one transaction. Then the uploaded file is removed from disk when no other run of
 * it is still to come, unless the run was a dry run that did not fail (the import follows it).
 */
async function finish(deps: ImportJobDeps, run: Run, status: 'done' | 'cancelled' | 'failed', errorCode: string | null = null) {
  const { db, clock, dataDir } = deps;
  const removeFile = await timed(deps, 'finish', () => db.transaction().execute(async (trx) => {
    // Only a run still to end is ended: one the hourly purge ended meanwhile (or another job) stays as it was.
    const done = await trx.updateTable('import_run').set({ status, error_code: errorCode, finished_at: clock.now(), updated_at: clock.now() })
      .where('id', '=', run.id).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
    if (!done) return [];
    if (run.mode === 'import') {
      await audit(trx, { actorId: run.started_by, officeId: run.office_id, ip: null }, {
        event: status === 'cancelled' ? 'import.cancelled' : 'import.completed', entityType: 'import_run', entityId: run.id, officeId: run.office_id,
        after: {
          status, fileName: run.file_name, sha256: run.sha256, source: run.source,
          ...(run.cases_file_id ? { casesFileName: run.cases_file_name, casesSha256: run.cases_sha256 } : {}),
          rows: done.rows_total, rowsDone: done.rows_done,
          created: done.created_count, updated: done.updated_count, unchanged: done.unchanged_count, rejected: done.rejected_count,
          possibleDuplicates: done.duplicate_count, errorCode,
        },
      });
    }
    await sql`
      INSERT INTO import_report_row (run_id, line, household_key, legacy_id, outcome, reason, reason_column, duplicate_of)
      SELECT run_id, line, household_key, legacy_id, outcome, reason, reason_column, duplicate_of FROM import_row WHERE run_id = ${run.id}
      ON CONFLICT (run_id, file, line) DO NOTHING`.execute(trx);
    // The cases file's rejected rows, by their own lines (its accepted rows are its persons' rows).
    await sql`
      INSERT INTO import_report_row (run_id, file, line, household_key, legacy_id, outcome, reason, reason_column)
      SELECT run_id, 'cases', line, legacy_id, legacy_id, outcome, reason, reason_column FROM import_case_row WHERE run_id = ${run.id} AND outcome = 'rejected'
      ON CONFLICT (run_id, file, line) DO NOTHING`.execute(trx);
    await trx.deleteFrom('import_row').where('run_id', '=', run.id).execute();
    await trx.deleteFrom('import_case_row').where('run_id', '=', run.id).execute();
    if (run.mode === 'dry_run' && status !== 'failed') return [];
    const removed: string[] = [];
    const files = [{ id: run.file_id, stored: run.stored_name }, ...(run.cases_file_id ? [{ id: run.cases_file_id, stored: run.cases_stored_name! }] : [])];
    for (const f of files) {
      // Locked, so that a run started at the same time either comes first (and is waited for) or sees the file removed.
      const file = await trx.selectFrom('import_file').select(['id', 'removed_at']).where('id', '=', f.id).forUpdate().executeTakeFirstOrThrow();
      const others = await trx.selectFrom('import_run').select('id').where((eb) => eb.or([eb('file_id', '=', f.id), eb('cases_file_id', '=', f.id)]))
        .where('id', '<>', run.id).where('status', 'in', ['queued', 'running']).limit(1).execute();
      if (file.removed_at || others.length) continue;
      await trx.updateTable('import_file').set({ removed_at: clock.now() }).where('id', '=', file.id).execute();
      removed.push(f.stored);
    }
    return removed;
  }));
  for (const stored of removeFile) await unlink(importPath(dataDir, stored)).catch(() => undefined);
}

/** The queue of the hourly purge of what an import leaves behind (`purgeImports`). */
export const IMPORT_PURGE_QUEUE = 'imports.purge';
/** A run queued or running that has not moved for this long was abandoned (its job failed for good, or was lost). */
export const IMPORT_ABANDONED_AFTER_MS = 24 * 3_600_000;
/** An uploaded file no run is using is kept this long after its upload or its last run's end, for the import a dry run prepares. */
export const IMPORT_FILE_KEPT_MS = 7 * 24 * 3_600_000;

/**
 * The hourly purge (queue `imports.purge`) of the persons' data an import leaves behind:
 * - a run queued or running that has not moved for `IMPORT_ABANDONED_AFTER_MS` (its job failed
 *   after its retries, or was lost) ends as failed, as a failed run does (`finish`: its report kept,
 *   its staged rows deleted, its file removed);
 * - staged rows of a run that ended are deleted (`finish` deletes them as it ends the run; none
 *   should be left);
 * - an uploaded file that no run queued or running uses, uploaded or last run more than
 *   `IMPORT_FILE_KEPT_MS` ago (a dry run never followed by its import, a file never run), is removed
 *   from disk and marked removed: an import of it is then refused `IMPORT_FILE_REMOVED`.
 * Answers what it did, in counts.
 */
export async function purgeImports(deps: ImportJobDeps) {
  const { db, clock, dataDir } = deps;
  const now = clock.now();
  const abandoned = await db.selectFrom('import_run').select('id').where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<', new Date(now.getTime() - IMPORT_ABANDONED_AFTER_MS)).execute();
  for (const { id } of abandoned) {
    const run = await loadRun(db, id);
    if (run && ['queued', 'running'].includes(run.status)) await finish(deps, run, 'failed', 'IMPORT_FAILED');
  }
  const ended = sql`SELECT id FROM import_run WHERE status IN ('done', 'failed', 'cancelled')`;
  const left = await sql`DELETE FROM import_row WHERE run_id IN (${ended})`.execute(db);
  const leftCases = await sql`DELETE FROM import_case_row WHERE run_id IN (${ended})`.execute(db);
  const before = new Date(now.getTime() - IMPORT_FILE_KEPT_MS);
  const files = await db.transaction().execute(async (trx) => {
    // Locked, as `finish` and `startRun` lock them: a run started at the same time comes first or sees the file removed.
    const expired = await sql<{ id: string; stored_name: string }>`
      SELECT f.id, f.stored_name FROM import_file f
       WHERE f.removed_at IS NULL AND f.created_at < ${before}
         AND NOT EXISTS (SELECT 1 FROM import_run r WHERE (r.file_id = f.id OR r.cases_file_id = f.id)
                            AND (r.status IN ('queued', 'running') OR r.finished_at >= ${before}))
       FOR UPDATE OF f SKIP LOCKED`.execute(trx);
    if (!expired.rows.length) return [];
    // Asked again now that the files are locked, in a statement of its own (a snapshot of now): a run
    // started in the instant before the lock committed after the statement above took its snapshot.
    const ids = expired.rows.map((f) => f.id);
    const inUse = await trx.selectFrom('import_run').select(['file_id', 'cases_file_id'])
      .where((eb) => eb.or([eb('file_id', 'in', ids), eb('cases_file_id', 'in', ids)]))
      .where((eb) => eb.or([eb('status', 'in', ['queued', 'running']), eb('finished_at', '>=', before)])).execute();
    const used = new Set(inUse.flatMap((r) => [r.file_id, r.cases_file_id]));
    const removable = expired.rows.filter((f) => !used.has(f.id));
    if (removable.length) await trx.updateTable('import_file').set({ removed_at: now }).where('id', 'in', removable.map((f) => f.id)).execute();
    return removable;
  });
  for (const f of files) await unlink(importPath(dataDir, f.stored_name)).catch(() => undefined);
  return { abandonedRuns: abandoned.length, stagedRows: Number(left.numAffectedRows ?? 0) + Number(leftCases.numAffectedRows ?? 0), files: files.length };
}

/**
 * Writes the batches from the first not yet committed, `writersFor(entity)` at a time on their own
 * connections. Each batch is one transaction with the run's progress, and commits in batch order
 * (a batch writes its progress, its audit events and its statistics only once the one before has committed), so
 * `batches_done` always counts a prefix of committed batches and a run stopped anywhere resumes
 * there. Two runs of one source do not write at the same time: the first holds the source's lock
 * for all its batches, and the second, waiting for it, then finds the first's rows and adds none.
 */
async function writeBatches(deps: ImportJobDeps, run: Run, opts: { stopAfterBatches?: number }): Promise<'done' | 'stopped' | 'cancelled'> {
  const { db, clock } = deps;
  const mappedColumns = (run.mapping as ImportMapping).columns;
  const withVulnerabilities = Boolean(mappedColumns.vulnerabilities);
  // The arrival day: a column of the person file, or of its cases file.
  const withArrivals = run.entity === 'households' && Boolean(caseColumnsOf(run).arrivedOn);
  const sizes = new Map((await timed(deps, 'batch.sizes', () => db.selectFrom('import_row').select(['batch', (eb) => eb.fn.countAll<string>().as('n')])
    .where('run_id', '=', run.id).groupBy('batch').execute())).map((r) => [r.batch, Number(r.n)]));
  return db.connection().execute(async (first) => {
    await timed(deps, 'batch.waitForSource', () => sql`SELECT pg_advisory_lock(hashtext(${`import:${run.source}`}))`.execute(first));
    try {
      // Under the source's lock: are the rows classified as created still new? (Another import of the
      // source may have written them since.) Then the batches insert them without an upsert.
      const fresh = run.entity === 'households'
        && await timed(deps, 'batch.fresh', () => freshImportRows(first, { runId: run.id, source: run.source, fromBatch: run.batches_done }));
      return await db.connection().execute(async (second) => {
        const conns: Kysely<DB>[] = [first, second];
        const inflight: Promise<void>[] = [];
        let previous: Promise<void> = Promise.resolve();
        let started = 0;
        let outcome: 'done' | 'stopped' | 'cancelled' = 'done';
        let stopped: unknown;
        const writers = writersFor(run.entity);
        try {
          for (let b = run.batches_done; b < run.batches; b++) {
            if (inflight.length >= writers) await inflight.shift();
            const flags = await db.selectFrom('import_run').select(['cancel_requested', 'status']).where('id', '=', run.id).executeTakeFirstOrThrow();
            // Ended meanwhile (the hourly purge ends a run that made no progress for a day): nothing more is written.
            if (flags.status !== 'running') { outcome = 'stopped'; break; }
            if (flags.cancel_requested) { outcome = 'cancelled'; break; }
            if (opts.stopAfterBatches !== undefined && started >= opts.stopAfterBatches) { outcome = 'stopped'; break; }
            const after = previous;
            const batch = b;
            const write = conns[started % writers]!.transaction().execute(async (trx) => {
              // A crash loses no committed batch (the WAL has it) and may lose only the latest ones, with their progress.
              await sql`SET LOCAL synchronous_commit = off`.execute(trx);
              const b = {
                runId: run.id, batch, source: run.source, officeId: run.office_id, actorId: run.started_by, now: clock.now(), timings: deps.timings, fresh,
                fields: {
                  project: !!caseColumnsOf(run).projectCode, admission: !!caseColumnsOf(run).admittedOn, approval: !!caseColumnsOf(run).approvedOn,
                  document: !!mappedColumns.documentNumber,
                },
              };
              // The person file's statistics cells are refreshed once for the batch's cases, not per statement.
              if (run.entity === 'households') await deferImportStatistics(trx);
              const changed = run.entity === 'vulnerabilities'
                ? (await timed(deps, 'batch.write', () => importVulnerabilityRows(trx, b)))
                  .map((v) => ({ ...v, caseId: v.case_id as string | undefined, entityType: 'vulnerability', event: 'import.vulnerability_updated' as const }))
                : run.entity === 'components'
                  ? (await timed(deps, 'batch.write', () => importComponentRows(trx, b)))
                    .map((v) => ({ ...v, caseId: v.case_id as string | undefined, entityType: 'reintegration_component', event: 'import.component_updated' as const }))
                : run.entity === 'visits'
                  ? (await timed(deps, 'batch.write', () => importVisitRows(trx, b)))
                    .map((v) => ({ ...v, caseId: v.case_id as string | undefined, entityType: 'monitoring_visit', event: 'import.visit_updated' as const }))
                  : [
                    ...(await timed(deps, 'batch.write', () => importHouseholds(trx, b)))
                      .map((p) => p.kind === 'case'
                        ? { ...p, caseId: p.id as string | undefined, entityType: 'case', event: 'import.case_updated' as const }
                        // The person's entry belongs to the case they were imported into: read within its scope and field rules.
                        : { ...p, caseId: p.case_id ?? undefined, entityType: 'person', event: 'import.person_updated' as const }),
                    // The households' arrival days, when the file has them (after the cases they belong to).
                    ...(withArrivals ? (await timed(deps, 'batch.arrivals', () => importArrivals(trx, b)))
                      .map((a) => ({ ...a, id: a.case_id, caseId: a.case_id as string | undefined, entityType: 'arrival', event: 'import.arrival_updated' as const })) : []),
                  ];
              await timed(deps, 'batch.waitForPrevious', () => after);
              // The person file's categories, only when the mapping has a column for them (a restriction they set is audited:
              // after the batch before has committed, like everything that takes the audit chain head or the cells).
              if (run.entity === 'households' && withVulnerabilities) await timed(deps, 'batch.vulnerabilities', () => importHouseholdVulnerabilities(trx, b));
              if (run.entity === 'households') await refreshImportedStatistics(trx, b);
              await timed(deps, 'batch.auditAndProgress', async () => {
                await auditMany(trx, { actorId: run.started_by, officeId: run.office_id, ip: null }, changed.map((c) => ({
                  event: c.event, entityType: c.entityType, entityId: c.id, caseId: c.caseId, officeId: run.office_id,
                  before: c.before, after: c.after, details: { importRunId: run.id, source: run.source, legacyId: c.legacy_id },
                })));
                await trx.updateTable('import_run').set((eb) => ({ batches_done: batch + 1, rows_done: eb('rows_done', '+', sizes.get(batch) ?? 0), updated_at: clock.now() }))
                  .where('id', '=', run.id).execute();
              });
            });
            write.catch(() => undefined);
            previous = write;
            inflight.push(write);
            started++;
          }
        } catch (err) {
          stopped = err;
        }
        // Never leave a connection while its batch is still running.
        const failed = (await Promise.allSettled(inflight)).find((r) => r.status === 'rejected');
        if (stopped !== undefined) throw stopped;
        if (failed) throw (failed as PromiseRejectedResult).reason;
        return outcome;
      });
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${`import:${run.source}`}))`.execute(first);
    }
  });
}

/**
 * The job: stages the file, classifies its rows, and for an import writes it batch by batch, each
 * batch in one transaction with the run's progress, so a run stopped anywhere (the process
 * killed, the job retried) resumes after its last committed batch. `stopAfterBatches` stops it
 * there as a crash would (tests of the resume). A file refused as a whole (a row wider than any
 * legacy export) fails the run with the refusal's code, without a retry.
 */
export async function runImport(runId: string, deps: ImportJobDeps, opts: { stopAfterBatches?: number } = {}): Promise<'done' | 'stopped' | 'cancelled' | 'skipped' | 'failed'> {
  const { db, clock } = deps;
  let run = await loadRun(db, runId);
  if (!run || ['done', 'failed', 'cancelled'].includes(run.status)) return 'skipped';
  const claimed = await db.updateTable('import_run').set({ status: 'running', started_at: run.started_at ?? clock.now(), updated_at: clock.now() })
    .where('id', '=', runId).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return 'skipped';
  try {
    const anyStaged = run.staged && !!(await db.selectFrom('import_row').select('line').where('run_id', '=', runId).limit(1).executeTakeFirst());
    if (!anyStaged) {
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
    const outcome = run.mode === 'dry_run' ? 'done' : await writeBatches(deps, run, opts);
    if (outcome === 'stopped') return 'stopped';
    await finish(deps, run, outcome);
    return outcome;
  } catch (err) {
    if (err instanceof AppError && FILE_REFUSALS.has(err.code)) {
      await finish(deps, run, 'failed', err.code);
      return 'failed';
    }
    await finish(deps, run, 'failed', 'IMPORT_FAILED').catch(() => undefined);
    throw err;
  }
}
