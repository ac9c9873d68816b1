import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';

export interface ImportBatch {
  /** The run whose staged rows (`import_row`, validated and classified) are written. */
  runId: string;
  batch: number;
  source: string;
  officeId: string;
  actorId: string;
  now: Date;
  /** Milliseconds per statement, added up (the benchmark reads them; batches written at the same time add up their times). */
  timings?: Record<string, number>;
}

async function timed<T>(b: ImportBatch, name: string, fn: () => Promise<T>): Promise<T> {
  if (!b.timings) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    b.timings[name] = (b.timings[name] ?? 0) + performance.now() - t;
  }
}

/**
 * Writes one batch of staged legacy households (persons and their case) with set-based SQL, in the
 * caller's transaction: the cases module stays the only writer of its tables. Persons and cases
 * are upserted on (legacy source, legacy id), so a second run, or one at the same time, updates or
 * leaves them but never doubles them. A new case goes straight to its final stage with its
 * historical dates; its stage history records the import and the source. Returns the persons whose
 * values changed, with before and after, for the caller's audit.
 */
export async function importHouseholds(trx: Executor, b: ImportBatch) {
  const reason = `imported from ${b.source}`.slice(0, 500);
  const changed = await timed(b, 'batch.persons', () => sql<{ id: string; legacy_id: string; before: unknown; after: unknown }>`
    WITH s AS (
      SELECT * FROM import_row WHERE run_id = ${b.runId} AND batch = ${b.batch} AND outcome IN ('created', 'updated')
    ), prior AS (
      -- Before values only for rows classified as updated: a first import looks nothing up.
      SELECT p.id, p.legacy_id, jsonb_build_object('givenName', p.given_name, 'familyName', p.family_name, 'originalScriptName', p.original_script_name,
               'sex', p.sex, 'birthDate', p.birth_date, 'nationality', p.nationality) AS before
        FROM person p JOIN s ON p.legacy_source = ${b.source} AND p.legacy_id = s.legacy_id
       WHERE s.outcome = 'updated'
    ), up AS (
      INSERT INTO person (given_name, family_name, other_names, original_script_name, transliteration, sex, birth_date, birth_date_estimated,
                          nationality, languages, name_folded, name_skeleton, legacy_source, legacy_id, created_at, updated_at)
      SELECT given_name, family_name, '{}', original_script_name, NULL, sex, birth_date, birth_date_estimated,
             nationality, '{}', name_folded, name_skeleton, ${b.source}, legacy_id, ${b.now}, ${b.now}
        FROM s
      ON CONFLICT (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL DO UPDATE
        SET given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name, original_script_name = EXCLUDED.original_script_name,
            sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date, birth_date_estimated = EXCLUDED.birth_date_estimated,
            nationality = EXCLUDED.nationality, name_folded = EXCLUDED.name_folded, name_skeleton = EXCLUDED.name_skeleton,
            version = person.version + 1, updated_at = EXCLUDED.updated_at
        WHERE (person.given_name, person.family_name, person.original_script_name, person.sex, person.birth_date, person.nationality)
              IS DISTINCT FROM (EXCLUDED.given_name, EXCLUDED.family_name, EXCLUDED.original_script_name, EXCLUDED.sex, EXCLUDED.birth_date, EXCLUDED.nationality)
      RETURNING id, legacy_id, (xmax <> 0) AS was_update,
        jsonb_build_object('givenName', given_name, 'familyName', family_name, 'originalScriptName', original_script_name,
          'sex', sex, 'birthDate', birth_date, 'nationality', nationality) AS after
    )
    SELECT up.id, up.legacy_id, prior.before, up.after FROM up JOIN prior ON prior.id = up.id WHERE up.was_update`.execute(trx));

  // The case of each household, from its principal's row; created at its registration date, in its final stage.
  await timed(b, 'batch.cases', () => sql`
    WITH s AS (
      SELECT r.*, GREATEST(r.registered_on, r.departed_on, r.arrived_on, r.closed_on) AS last_on
        FROM import_row r WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated') AND r.relationship = 'principal'
    ), o AS (SELECT id, organisation_id, case_prefix FROM office WHERE id = ${b.officeId}),
    ins AS (
      INSERT INTO return_case (case_number, kind, stage, stage_changed_at, legal_status, country_of_return, office_id, origin_office_id,
                               organisation_id, owner_id, created_by, principal_person_id, legacy_source, legacy_id, created_at, updated_at, departed_on)
      SELECT o.case_prefix || '-L' || upper(substr(md5(${b.source} || chr(31) || s.household_key), 1, 12)), s.kind, s.stage, s.last_on::timestamptz,
             s.legal_status, s.country_of_return, o.id, CASE WHEN s.kind = 'post_arrival' THEN o.id END, o.organisation_id, ${b.actorId}, ${b.actorId},
             p.id, ${b.source}, s.household_key, s.registered_on::timestamptz, ${b.now},
             CASE WHEN s.kind = 'voluntary_return' THEN s.departed_on END
        FROM s CROSS JOIN o JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = s.legacy_id
      ON CONFLICT (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL DO UPDATE
        SET kind = EXCLUDED.kind, stage = EXCLUDED.stage, stage_changed_at = EXCLUDED.stage_changed_at, legal_status = EXCLUDED.legal_status,
            country_of_return = EXCLUDED.country_of_return, principal_person_id = EXCLUDED.principal_person_id,
            departed_on = EXCLUDED.departed_on, version = return_case.version + 1, updated_at = EXCLUDED.updated_at
        WHERE (return_case.kind, return_case.stage, return_case.legal_status, return_case.country_of_return, return_case.principal_person_id, return_case.departed_on)
              IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.stage, EXCLUDED.legal_status, EXCLUDED.country_of_return, EXCLUDED.principal_person_id, EXCLUDED.departed_on)
      RETURNING id, stage, stage_changed_at, (xmax = 0) AS inserted
    )
    INSERT INTO stage_transition (case_id, from_stage, to_stage, reason, actor_id, at)
    SELECT id, NULL, stage, ${reason}, ${b.actorId}, stage_changed_at FROM ins WHERE inserted`.execute(trx));

  // Members: every person of the batch's households in their case, in file order.
  await timed(b, 'batch.members', () => sql`
    INSERT INTO case_member (case_id, person_id, relationship, position)
    SELECT c.id, p.id, r.relationship,
           row_number() OVER (PARTITION BY r.household_key ORDER BY (r.relationship <> 'principal'), r.line) - 1
      FROM import_row r
      JOIN return_case c ON c.legacy_source = ${b.source} AND c.legacy_id = r.household_key
      JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = r.legacy_id
     WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')
    ON CONFLICT (case_id, person_id) DO UPDATE SET relationship = EXCLUDED.relationship
      WHERE case_member.relationship IS DISTINCT FROM EXCLUDED.relationship`.execute(trx));
  return changed.rows;
}

/**
 * Sets the restriction of imported cases whose active vulnerabilities an import changed (the
 * protection module decides which): only the cases whose flag differs are written, and returned
 * for the caller's audit. The case's version is left alone, as a screening leaves it.
 */
export async function setImportedRestrictions(trx: Executor, changes: { caseId: string; restricted: boolean }[], now: Date) {
  if (!changes.length) return [];
  const rows = await sql<{ id: string; office_id: string; restricted: boolean }>`
    UPDATE return_case c SET restricted = x.restricted, updated_at = ${now}
      FROM (SELECT * FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS t("caseId" uuid, restricted boolean)) x
     WHERE c.id = x."caseId" AND c.restricted IS DISTINCT FROM x.restricted
    RETURNING c.id, c.office_id, c.restricted`.execute(trx);
  return rows.rows;
}

/**
 * Leaves the statistics cells alone for the rest of the caller's transaction (migration 0041):
 * a batch's statements (persons, cases, members, vulnerabilities, restrictions) would each refresh
 * the cells of the cases they touch. `refreshImportedStatistics` refreshes them once, before the
 * batch commits, so the cells equal the direct counts at every commit.
 */
export async function deferImportStatistics(trx: Executor) {
  await sql`SELECT set_config('homeward.stat_deferred', 'on', true)`.execute(trx);
}

/**
 * The statistics cells of every case a batch may have changed, refreshed once: each case with a
 * member among the batch's written persons (their household's case, and any other case of a
 * person whose sex or birth date changed).
 */
export async function refreshImportedStatistics(trx: Executor, b: ImportBatch) {
  await timed(b, 'batch.statistics', async () => {
    await sql`SELECT set_config('homeward.stat_deferred', 'off', true)`.execute(trx);
    await sql`
      SELECT stat_refresh_cases(ARRAY(
        SELECT DISTINCT m.case_id
          FROM import_row r
          JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = r.legacy_id
          JOIN case_member m ON m.person_id = p.id
         WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')))`.execute(trx);
  });
}
