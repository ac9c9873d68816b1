import { sql } from 'kysely';
import type { ImportBatch } from '../cases/index.js';
import type { Executor } from '../../platform/db.js';

/** An imported arrival whose day a batch added or changed, for the caller's audit. */
export interface ImportedArrivalChange { case_id: string; legacy_id: string; before: { arrivedOn: string } | null; after: { arrivedOn: string } }

/**
 * The arrival day a person file gives for each household of a batch (its principal's row,
 * `arrived_on`), kept as the case's arrival (migration 0083): no place or receiver, the source
 * named, recorded by the one who started the import. The same day again writes nothing; a corrected
 * day replaces the day the same source gave. An arrival confirmed in Homeward, or given by another
 * source, is never overwritten; a row without the day leaves an arrival as it is. Runs in the
 * batch's transaction, after its cases are written. Returns the arrivals of rows classified as
 * updated that the batch added or changed, with before and after (a first import's are counted in
 * the import's own audit entry).
 */
export async function importArrivals(trx: Executor, b: ImportBatch): Promise<ImportedArrivalChange[]> {
  const { rows } = await sql<{ case_id: string; legacy_id: string; outcome: string; before: string | null; after: string }>`
    WITH s AS (
      SELECT c.id AS case_id, r.household_key AS legacy_id, r.outcome, r.arrived_on
        FROM import_row r
        JOIN return_case c ON c.legacy_source = ${b.source} AND c.legacy_id = r.household_key
       WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')
         AND r.relationship = 'principal' AND r.arrived_on IS NOT NULL
    ), prior AS (
      SELECT a.case_id, a.arrived_on FROM arrival a JOIN s ON s.case_id = a.case_id
    ), written AS (
      INSERT INTO arrival (case_id, arrived_on, place, received_by_user_id, received_by_name, recorded_by, recorded_at, legacy_source)
      SELECT s.case_id, s.arrived_on, NULL, NULL, NULL, ${b.actorId}, ${b.now}, ${b.source} FROM s
      ON CONFLICT (case_id) DO UPDATE SET arrived_on = EXCLUDED.arrived_on, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
        WHERE arrival.legacy_source = EXCLUDED.legacy_source AND arrival.arrived_on <> EXCLUDED.arrived_on
      RETURNING case_id, arrived_on
    )
    SELECT w.case_id::text AS case_id, s.legacy_id, s.outcome, p.arrived_on::text AS before, w.arrived_on::text AS after
      FROM written w JOIN s ON s.case_id = w.case_id LEFT JOIN prior p ON p.case_id = w.case_id`.execute(trx);
  return rows
    .filter((r) => r.outcome === 'updated')
    .map((r) => ({ case_id: r.case_id, legacy_id: r.legacy_id, before: r.before === null ? null : { arrivedOn: r.before }, after: { arrivedOn: r.after } }));
}
