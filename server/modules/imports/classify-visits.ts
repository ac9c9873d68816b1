import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db.js';
import type { ImportMapping } from '../../../shared/schemas/imports.js';
import { SEALED_PATTERN } from '../../platform/person-keys.js';
import { sameSealedVisitNotes } from '../monitoring/index.js';

interface Run { id: string; source: string; mapping: unknown }

/**
 * A file of monitoring visits: each row's case (by its legacy id, imported from the same source
 * into the run's office: `linkCases`), rejected when its legacy id belongs to a visit of another
 * case (`legacy_id_taken`), then the visit it updates (same source and legacy id): `unchanged`
 * when day, method, outcome, reason, notes and the four imported scores are the same, else
 * `updated` (the notes, stored sealed, compared opened). Set-based joins, in the caller's transaction.
 */
export async function classifyVisitRows(db: Kysely<DB>, run: Run, linkCases: () => Promise<void>) {
  const mapping = run.mapping as ImportMapping;
  await linkCases();
  await sql`
    UPDATE import_row r SET outcome = 'rejected', reason = 'legacy_id_taken', reason_column = ${mapping.columns.legacyId ?? null}::text
      FROM monitoring_visit v
     WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND v.legacy_source = ${run.source} AND v.legacy_id = r.legacy_id
       AND v.case_id <> r.case_id`.execute(db);
  await sql`
    UPDATE import_row r SET target_id = v.id, outcome = CASE
        WHEN (v.visited_on, v.method, v.outcome, v.not_reached_reason, v.sensitive_notes, s.composite, s.economic, s.social, s.psychosocial)
             IS NOT DISTINCT FROM ((r.entity_values->>'visitedOn')::date, r.entity_values->>'method', r.entity_values->>'outcome',
               r.entity_values->>'notReachedReason', r.entity_values->>'notes', (r.entity_values->>'composite')::numeric,
               (r.entity_values->>'economic')::numeric, (r.entity_values->>'social')::numeric, (r.entity_values->>'psychosocial')::numeric)
        THEN 'unchanged' ELSE 'updated' END
      FROM monitoring_visit v LEFT JOIN monitoring_imported_score s ON s.visit_id = v.id
     WHERE r.run_id = ${run.id} AND r.outcome <> 'rejected' AND v.case_id = r.case_id
       AND v.legacy_source = ${run.source} AND v.legacy_id = r.legacy_id`.execute(db);
  // The notes are stored sealed (a `p1.` value): the rows SQL saw as changed only because of them are
  // compared opened, ten thousand at a time, and counted unchanged when the notes are the same.
  let after = 0;
  for (;;) {
    const candidates = await sql<{ line: number; id: string; notes: string | null }>`
      SELECT r.line, v.id, r.entity_values->>'notes' AS notes
        FROM import_row r JOIN monitoring_visit v ON v.id = r.target_id LEFT JOIN monitoring_imported_score s ON s.visit_id = v.id
       WHERE r.run_id = ${run.id} AND r.outcome = 'updated' AND r.line > ${after} AND r.entity_values->>'notes' IS NOT NULL
         AND v.sensitive_notes ~ ${SEALED_PATTERN}
         AND (v.visited_on, v.method, v.outcome, v.not_reached_reason, s.composite, s.economic, s.social, s.psychosocial)
             IS NOT DISTINCT FROM ((r.entity_values->>'visitedOn')::date, r.entity_values->>'method', r.entity_values->>'outcome',
               r.entity_values->>'notReachedReason', (r.entity_values->>'composite')::numeric,
               (r.entity_values->>'economic')::numeric, (r.entity_values->>'social')::numeric, (r.entity_values->>'psychosocial')::numeric)
       ORDER BY r.line LIMIT ${SEALED_COMPARED_AT_ONCE}`.execute(db);
    if (!candidates.rows.length) return;
    after = candidates.rows.at(-1)!.line;
    const same = new Set(await sameSealedVisitNotes(db, candidates.rows));
    const lines = candidates.rows.filter((c) => same.has(c.id)).map((c) => c.line);
    if (lines.length) await sql`UPDATE import_row SET outcome = 'unchanged' WHERE run_id = ${run.id} AND line = ANY(${lines}::int[])`.execute(db);
  }
}

/** Staged visits whose sealed notes are opened and compared at once. */
export const SEALED_COMPARED_AT_ONCE = 10_000;
