import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db.js';
import type { ImportMapping } from '../../../shared/schemas/imports.js';

interface Run { id: string; source: string; mapping: unknown }

/**
 * A file of monitoring visits: each row's case (by its legacy id, imported from the same source
 * into the run's office: `linkCases`), rejected when its legacy id belongs to a visit of another
 * case (`legacy_id_taken`), then the visit it updates (same source and legacy id): `unchanged`
 * when day, method, outcome, reason, notes and the four imported scores are the same, else
 * `updated`. Set-based joins, in the caller's transaction.
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
}
