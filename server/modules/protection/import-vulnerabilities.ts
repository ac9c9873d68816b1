import { sql } from 'kysely';
import { RESTRICTING_CATEGORIES } from '../../../shared/protection.js';
import { audit } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { isSealed, openFor, sealFor } from '../../platform/person-keys.js';
import { setImportedRestrictions, type ImportBatch } from '../cases/index.js';

const restricting = sql.join(RESTRICTING_CATEGORIES.map((c) => sql`${c}`));

/**
 * Sets the restriction of the given cases from their active vulnerabilities (an active
 * trafficking, unaccompanied or separated child makes a case restricted), as a screening does,
 * and audits each case whose restriction changed.
 */
async function refreshRestrictions(trx: Executor, b: ImportBatch, caseIds: string[]) {
  if (!caseIds.length) return;
  const wanted = await sql<{ caseId: string; restricted: boolean }>`
    SELECT c.id AS "caseId", EXISTS (SELECT 1 FROM vulnerability v WHERE v.case_id = c.id AND v.status = 'active' AND v.category IN (${restricting})) AS restricted
      FROM return_case c WHERE c.id = ANY(${caseIds}::uuid[])`.execute(trx);
  const changed = await setImportedRestrictions(trx, wanted.rows, b.now);
  for (const c of changed) {
    await audit(trx, { actorId: b.actorId, officeId: b.officeId, ip: null }, {
      event: 'case.restriction.changed', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
      before: { restricted: !c.restricted }, after: { restricted: c.restricted }, details: { importRunId: b.runId, source: b.source },
    });
  }
}

/**
 * The categories of the person rows of a batch (a column of the one-row-per-person file), written
 * after the batch's households: one vulnerability per person and category, identified on the
 * row's registration date, with the source and `<person legacy id>/<category>` as its legacy id.
 * A category the person already has is left as it is (`ON CONFLICT DO NOTHING`), so a second
 * import adds nothing; a category the file no longer lists is not removed.
 */
export async function importHouseholdVulnerabilities(trx: Executor, b: ImportBatch) {
  const inserted = await sql<{ case_id: string; category: string }>`
    INSERT INTO vulnerability (case_id, person_id, category, identified_on, identified_by, legacy_source, legacy_id, created_at, updated_at)
    SELECT c.id, p.id, v.category, r.registered_on, ${b.actorId}, ${b.source}, r.legacy_id || '/' || v.category, ${b.now}, ${b.now}
      FROM import_row r
      CROSS JOIN LATERAL unnest(r.vulnerabilities) AS v(category)
      JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = r.legacy_id
      JOIN return_case c ON c.legacy_source = ${b.source} AND c.legacy_id = r.household_key
     WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated') AND r.vulnerabilities IS NOT NULL
    ON CONFLICT DO NOTHING
    RETURNING case_id, category`.execute(trx);
  const cases = [...new Set(inserted.rows.filter((r) => (RESTRICTING_CATEGORIES as readonly string[]).includes(r.category)).map((r) => r.case_id))];
  await refreshRestrictions(trx, b, cases);
}

/**
 * One batch of a file of vulnerabilities, classified by the imports module (the case and person
 * found, `target_id` the vulnerability it updates): upserted on (case, person, category), a row
 * changed only when its status, date or details differ. Returns the changed ones with before and
 * after for the caller's audit. The details are written set-based, then sealed for the person in
 * the same transaction (SQL cannot call the cipher), before and after in the audit values too: the
 * batch commits no details in clear.
 */
export async function importVulnerabilityRows(trx: Executor, b: ImportBatch) {
  const changed = await sql<{ id: string; case_id: string; legacy_id: string; before: unknown; after: unknown }>`
    WITH s AS (
      SELECT r.*, r.entity_values->>'category' AS category, (r.entity_values->>'identifiedOn')::date AS identified_on,
             r.entity_values->>'status' AS status, r.entity_values->>'details' AS details
        FROM import_row r WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')
    ), prior AS (
      SELECT v.id, jsonb_build_object('status', v.status, 'identifiedOn', v.identified_on, 'details', COALESCE(v.details, v.details_encrypted)) AS before
        FROM vulnerability v JOIN s ON s.target_id = v.id WHERE s.outcome = 'updated'
    ), up AS (
      INSERT INTO vulnerability (case_id, person_id, category, identified_on, identified_by, status, details, legacy_source, legacy_id, created_at, updated_at)
      SELECT s.case_id, s.person_id, s.category, s.identified_on, ${b.actorId}, s.status, s.details, ${b.source}, s.legacy_id, ${b.now}, ${b.now} FROM s
      ON CONFLICT (case_id, person_id, category) DO UPDATE
        SET status = EXCLUDED.status, identified_on = EXCLUDED.identified_on, details = EXCLUDED.details, details_encrypted = NULL,
            legacy_source = COALESCE(vulnerability.legacy_source, EXCLUDED.legacy_source), legacy_id = COALESCE(vulnerability.legacy_id, EXCLUDED.legacy_id),
            version = vulnerability.version + 1, updated_at = EXCLUDED.updated_at
        WHERE (vulnerability.status, vulnerability.identified_on, vulnerability.details) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.identified_on, EXCLUDED.details)
      RETURNING id, case_id, person_id, legacy_id, category, (xmax <> 0) AS was_update,
        jsonb_build_object('status', status, 'identifiedOn', identified_on, 'details', details) AS after
    )
    SELECT up.id, up.case_id, up.person_id, up.legacy_id, prior.before, up.after, up.was_update, up.category FROM up LEFT JOIN prior ON prior.id = up.id`.execute(trx);
  const rows = changed.rows as (typeof changed.rows[number] & { was_update: boolean; category: string; person_id: string })[];
  for (const r of rows) {
    const after = r.after as { details: string | null };
    if (after.details !== null) {
      const sealed = await sealFor(trx, r.person_id, after.details);
      await trx.updateTable('vulnerability').set({ details: null, details_encrypted: sealed }).where('id', '=', r.id).execute();
      r.after = { ...after, details: sealed };
    }
    const before = r.before as { details: string | null } | null;
    if (before && before.details !== null && !isSealed(before.details)) r.before = { ...before, details: await sealFor(trx, r.person_id, before.details) };
  }
  await refreshRestrictions(trx, b, [...new Set(rows.filter((r) => (RESTRICTING_CATEGORIES as readonly string[]).includes(r.category)).map((r) => r.case_id))]);
  return rows.filter((r) => r.was_update && r.before);
}

/**
 * Of the vulnerabilities given with the details a file has for them, those whose sealed details
 * are the same (opened for their person): the import's classification counts them unchanged
 * although SQL cannot compare the sealed column.
 */
export async function sameSealedDetails(ex: Executor, given: { id: string; details: string | null }[]): Promise<string[]> {
  if (!given.length) return [];
  const stored = await ex.selectFrom('vulnerability').select(['id', 'person_id', 'details_encrypted'])
    .where('id', 'in', given.map((g) => g.id)).where('details', 'is', null).where('details_encrypted', 'is not', null).execute();
  const wanted = new Map(given.map((g) => [g.id, g.details]));
  const same: string[] = [];
  for (const v of stored) if ((await openFor(ex, v.person_id, v.details_encrypted)) === wanted.get(v.id)) same.push(v.id);
  return same;
}
