import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import type { ImportBatch } from '../cases/index.js';

/**
 * One batch of a file of reintegration components, classified by the imports module (its case
 * found, `target_id` the component it updates). A case without a plan gets one version, approved
 * as the old system had it and marked imported (`legacy_source`): no second approval, agreement or
 * budget commitment is made up. New components go into that version (key new, position the file
 * line, the case's principal as the member it serves, a cancelled one with the import as reason);
 * a component of the same source and legacy id is updated only when a value differs. Returns the
 * changed ones with before and after for the caller's audit.
 */
export async function importComponentRows(trx: Executor, b: ImportBatch) {
  const reason = `imported from ${b.source}`.slice(0, 500);
  await sql`
    INSERT INTO reintegration_plan_version (case_id, number, status, drafted_by, drafted_at, approved_at, legacy_source)
    SELECT DISTINCT r.case_id, 1, 'approved', ${b.actorId}::uuid, ${b.now}::timestamptz, ${b.now}::timestamptz, ${b.source}
      FROM import_row r
     WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome = 'created'
       AND NOT EXISTS (SELECT 1 FROM reintegration_plan_version v WHERE v.case_id = r.case_id)`.execute(trx);
  const changed = await sql<{ id: string; case_id: string; legacy_id: string; before: unknown; after: unknown }>`
    WITH s AS (
      SELECT r.line, r.legacy_id, r.case_id, r.target_id, r.outcome, r.entity_values->>'type' AS type,
             COALESCE(r.entity_values->>'description', ${reason}) AS description, (r.entity_values->>'amountMinor')::bigint AS amount_minor,
             r.entity_values->>'currency' AS currency, (r.entity_values->>'startsOn')::date AS starts_on,
             (r.entity_values->>'endsOn')::date AS ends_on, r.entity_values->>'status' AS status
        FROM import_row r WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')
    ), fields AS (
      SELECT k.id, jsonb_build_object('type', k.type, 'description', k.description, 'amountMinor', k.amount_minor, 'currency', k.currency,
               'startsOn', k.starts_on, 'endsOn', k.ends_on, 'status', k.status) AS before
        FROM reintegration_component k JOIN s ON s.target_id = k.id WHERE s.outcome = 'updated'
    ), upd AS (
      UPDATE reintegration_component k
         SET type = s.type, description = s.description, amount_minor = s.amount_minor, currency = s.currency, starts_on = s.starts_on,
             ends_on = s.ends_on, status = s.status, cancel_reason = CASE WHEN s.status = 'cancelled' THEN COALESCE(k.cancel_reason, ${reason}) END
        FROM s
       WHERE s.outcome = 'updated' AND k.id = s.target_id
         AND (k.type, k.description, k.amount_minor, k.currency, k.starts_on, k.ends_on, k.status)
             IS DISTINCT FROM (s.type, s.description, s.amount_minor, s.currency, s.starts_on, s.ends_on, s.status)
      RETURNING k.id, k.case_id, k.legacy_id,
        jsonb_build_object('type', k.type, 'description', k.description, 'amountMinor', k.amount_minor, 'currency', k.currency,
          'startsOn', k.starts_on, 'endsOn', k.ends_on, 'status', k.status) AS after
    ), ins AS (
      INSERT INTO reintegration_component (version_id, case_id, component_key, position, type, description, member_ids, amount_minor, currency,
                                           starts_on, ends_on, status, cancel_reason, legacy_source, legacy_id)
      SELECT v.id, s.case_id, gen_random_uuid(), s.line, s.type, s.description, ARRAY[c.principal_person_id], s.amount_minor, s.currency,
             s.starts_on, s.ends_on, s.status, CASE WHEN s.status = 'cancelled' THEN ${reason} END, ${b.source}, s.legacy_id
        FROM s
        JOIN return_case c ON c.id = s.case_id
        JOIN reintegration_plan_version v ON v.case_id = s.case_id AND v.legacy_source = ${b.source}
       WHERE s.outcome = 'created'
      ON CONFLICT DO NOTHING
    )
    SELECT upd.id, upd.case_id, upd.legacy_id, fields.before, upd.after FROM upd JOIN fields ON fields.id = upd.id`.execute(trx);
  return changed.rows;
}
