import { sql } from 'kysely';
import { LOST_AFTER_NOT_REACHED } from '../../../shared/schemas/monitoring.js';
import { audit } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { sealManyFor } from '../../platform/person-keys.js';
import type { ImportBatch } from '../cases/index.js';

/** A visit's values as the audit of an import shows them (the notes only as whether there are any: they are sensitive). */
const FIELDS = sql`jsonb_build_object('visitedOn', v.visited_on, 'method', v.method, 'outcome', v.outcome, 'notReachedReason', v.not_reached_reason,
  'sensitiveNotes', v.sensitive_notes IS NOT NULL, 'composite', s.composite, 'economic', s.economic, 'social', s.social, 'psychosocial', s.psychosocial)`;

/**
 * One batch of a file of monitoring visits, classified by the imports module (its case found,
 * `target_id` the visit it updates). A case without a monitoring schedule gets one marked
 * `imported` (no offsets, nothing planned: its visits are the old system's). A visit is a recorded
 * `monitoring_visit` in slot 0 with the source and legacy id, recorded on its day by the importing
 * manager for their office (so its notes are read as any visit's sensitive notes are, and sealed for
 * the case's principal applicant as a visit recorded through the API: `visit-sealing.ts`); its scores
 * are kept as given in `monitoring_imported_score`, never as a score of an instrument version. A
 * changed visit is updated, its imported scores replaced. Then a case whose three latest recorded
 * visits were not reached is lost to follow-up, as after a live visit (its planned visits
 * cancelled, audited). Returns the changed visits with before and after for the caller's audit.
 */
export async function importVisitRows(trx: Executor, b: ImportBatch) {
  const staged = sql`(SELECT r.line, r.legacy_id, r.case_id, r.target_id, r.outcome AS row_outcome,
             (r.entity_values->>'visitedOn')::date AS visited_on, r.entity_values->>'method' AS method, r.entity_values->>'outcome' AS outcome,
             r.entity_values->>'notReachedReason' AS not_reached_reason,
             (r.entity_values->>'composite')::numeric AS composite, (r.entity_values->>'economic')::numeric AS economic,
             (r.entity_values->>'social')::numeric AS social, (r.entity_values->>'psychosocial')::numeric AS psychosocial
        FROM import_row r WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated'))`;
  const auditCtx = { actorId: b.actorId, officeId: b.officeId, ip: null };
  // The notes of the batch, sealed for their case's principal applicant before they are written (a few
  // statements for the whole batch): the visits never hold them in clear. A principal erased since
  // gets no notes, as nothing sensitive is recorded about an erased person.
  const clear = await sql<{ line: number; person_id: string; notes: string }>`
    SELECT r.line, c.principal_person_id AS person_id, r.entity_values->>'notes' AS notes
      FROM import_row r JOIN return_case c ON c.id = r.case_id
     WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated') AND r.entity_values->>'notes' IS NOT NULL`.execute(trx);
  const sealedNotes = await sealManyFor(trx, clear.rows.map((r) => ({ personId: r.person_id, plain: r.notes })));
  const notes = sql`(SELECT * FROM unnest(${clear.rows.map((r) => r.line)}::int[], ${sealedNotes}::text[]) AS n(line, notes))`;

  const schedules = await sql<{ case_id: string; anchor_date: string; office_id: string }>`
    INSERT INTO monitoring_schedule (case_id, anchor, anchor_date, offsets_months, source, updated_at)
    SELECT st.case_id, 'arrival', COALESCE(min(a.arrived_on), min(st.visited_on)), '{}', 'imported', ${b.now}::timestamptz
      FROM ${staged} st LEFT JOIN arrival a ON a.case_id = st.case_id
     GROUP BY st.case_id
    ON CONFLICT (case_id) DO NOTHING
    RETURNING case_id, anchor_date::text, (SELECT office_id FROM return_case WHERE id = case_id) AS office_id`.execute(trx);
  for (const s of schedules.rows) {
    await audit(trx, auditCtx, {
      event: 'monitoring.schedule.created', entityType: 'monitoring_schedule', entityId: s.case_id, caseId: s.case_id, officeId: s.office_id,
      after: { anchor: 'arrival', anchorDate: s.anchor_date, offsetsMonths: [], source: 'imported' }, details: { importRunId: b.runId, source: b.source },
    });
  }

  const before = await sql<{ id: string; before: unknown }>`
    SELECT v.id, ${FIELDS} AS before
      FROM ${staged} st JOIN monitoring_visit v ON v.id = st.target_id LEFT JOIN monitoring_imported_score s ON s.visit_id = v.id
     WHERE st.row_outcome = 'updated'`.execute(trx);
  await sql`
    UPDATE monitoring_visit v
       SET visited_on = st.visited_on, planned_on = st.visited_on, method = st.method, outcome = st.outcome, not_reached_reason = st.not_reached_reason,
           sensitive_notes = n.notes, recorded_at = st.visited_on::timestamptz, updated_at = ${b.now}, version = v.version + 1
      FROM ${staged} st LEFT JOIN ${notes} n ON n.line = st.line WHERE st.row_outcome = 'updated' AND v.id = st.target_id`.execute(trx);
  await sql`
    INSERT INTO monitoring_visit (case_id, slot, offset_months, planned_on, status, method, visited_on, outcome, not_reached_reason, sensitive_notes,
                                  recorded_by, recorder_office_id, recorded_at, updated_at, legacy_source, legacy_id)
    SELECT st.case_id, 0, 0, st.visited_on, 'recorded', st.method, st.visited_on, st.outcome, st.not_reached_reason, n.notes,
           ${b.actorId}, ${b.officeId}, st.visited_on::timestamptz, ${b.now}, ${b.source}, st.legacy_id
      FROM ${staged} st LEFT JOIN ${notes} n ON n.line = st.line WHERE st.row_outcome = 'created'
    ON CONFLICT DO NOTHING`.execute(trx);
  // The scores as given: replaced for an updated visit, none kept for a row without any.
  await sql`DELETE FROM monitoring_imported_score WHERE visit_id IN (SELECT target_id FROM ${staged} st WHERE st.row_outcome = 'updated')`.execute(trx);
  await sql`
    INSERT INTO monitoring_imported_score (visit_id, legacy_source, composite, economic, social, psychosocial, imported_at)
    SELECT v.id, ${b.source}, st.composite, st.economic, st.social, st.psychosocial, ${b.now}
      FROM ${staged} st JOIN monitoring_visit v ON v.legacy_source = ${b.source} AND v.legacy_id = st.legacy_id AND v.case_id = st.case_id
     WHERE COALESCE(st.composite, st.economic, st.social, st.psychosocial) IS NOT NULL
    ON CONFLICT (visit_id) DO NOTHING`.execute(trx);
  const after = await sql<{ id: string; case_id: string; legacy_id: string; after: unknown }>`
    SELECT v.id, v.case_id, v.legacy_id, ${FIELDS} AS after
      FROM ${staged} st JOIN monitoring_visit v ON v.id = st.target_id LEFT JOIN monitoring_imported_score s ON s.visit_id = v.id
     WHERE st.row_outcome = 'updated'`.execute(trx);
  const prior = new Map(before.rows.map((r) => [r.id, r.before]));

  // Three not reached in a row, counting imported visits as live ones: lost to follow-up on the day of the third.
  const lost = await sql<{ case_id: string; office_id: string; lost_on: string }>`
    WITH touched AS (SELECT DISTINCT st.case_id FROM ${staged} st WHERE st.outcome = 'not_reached'),
    recent AS (
      SELECT t.case_id, x.outcome, x.visited_on, row_number() OVER (PARTITION BY t.case_id ORDER BY x.recorded_at DESC, x.visited_on DESC) AS n
        FROM touched t JOIN monitoring_visit x ON x.case_id = t.case_id AND x.status = 'recorded'
    ), inarow AS (
      SELECT case_id, max(visited_on) AS lost_on FROM recent WHERE n <= ${LOST_AFTER_NOT_REACHED}
       GROUP BY case_id HAVING count(*) = ${LOST_AFTER_NOT_REACHED} AND bool_and(outcome = 'not_reached')
    )
    UPDATE monitoring_schedule ms SET lost_to_follow_up_at = i.lost_on::timestamptz, updated_at = ${b.now}, version = ms.version + 1
      FROM inarow i WHERE ms.case_id = i.case_id AND ms.lost_to_follow_up_at IS NULL
    RETURNING ms.case_id, (SELECT office_id FROM return_case WHERE id = ms.case_id) AS office_id, i.lost_on::text`.execute(trx);
  for (const l of lost.rows) {
    const cancelled = await trx.updateTable('monitoring_visit').set({ status: 'cancelled', updated_at: b.now })
      .where('case_id', '=', l.case_id).where('status', '=', 'planned').returning('id').execute();
    await audit(trx, auditCtx, {
      event: 'monitoring.case.lost_to_follow_up', entityType: 'monitoring_schedule', entityId: l.case_id, caseId: l.case_id, officeId: l.office_id,
      after: { lostToFollowUp: true, notReachedInARow: LOST_AFTER_NOT_REACHED, lostOn: l.lost_on },
      details: { cancelledVisits: cancelled.map((x) => x.id), importRunId: b.runId, source: b.source },
    });
  }
  return after.rows.map((r) => ({ id: r.id, case_id: r.case_id, legacy_id: r.legacy_id, before: prior.get(r.id) ?? null, after: r.after }));
}
