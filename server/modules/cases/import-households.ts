import { sql } from 'kysely';
import type { Executor } from '../../platform/db.js';
import { ERASED_VALUE, openManySealed, sealManyFor } from '../../platform/person-keys.js';
import { maskDocumentNumber, sealIdentifyingValues } from './person-records.js';

export interface ImportBatch {
  /** The run whose staged rows (`import_row`, validated and classified) are written. */
  runId: string;
  batch: number;
  source: string;
  officeId: string;
  actorId: string;
  now: Date;
  /** Which optional fields the file has a column for: a field without one leaves what Homeward holds as it is. */
  fields?: { project?: boolean; admission?: boolean; approval?: boolean; document?: boolean };
  /** Milliseconds per statement, added up (the benchmark reads them; batches written at the same time add up their times). */
  timings?: Record<string, number>;
  /**
   * The rows staged as created are not in Homeward (no person of the source with their legacy id,
   * no case with their household key), as the caller checked while holding the source's import
   * lock (`freshImportRows`): they are inserted without looking for a row to update.
   */
  fresh?: boolean;
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

/** What a person or a case held before and after a batch, for the audit of what an import changed. */
export interface ImportedChange { kind: 'person' | 'case'; id: string; legacy_id: string; before: unknown; after: unknown; /** The case a person was imported into, for the audit entry's scope. */ case_id?: string | null }

/**
 * A batch's rows created or updated, each with whether its household's principal is created: in a
 * fresh batch the household's case then is the one created with the staged `case_id` its rows share.
 */
const householdRows = (b: ImportBatch) => sql`
  SELECT r.legacy_id, r.household_key, r.case_id, r.person_id, r.relationship, r.outcome, r.line,
         bool_or(r.relationship = 'principal' AND r.outcome = 'created') OVER (PARTITION BY r.household_key) AS household_created
    FROM import_row r
   WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')`;

/** A member's rank among the rows of its household a statement writes: file order, the principal first (1, 2...). */
const memberRank = (r: string) => sql.raw(`row_number() OVER (PARTITION BY ${r}.household_key ORDER BY (${r}.relationship <> 'principal'), ${r}.line)`);

/**
 * Writes one batch of staged legacy households (persons, their document, their case) with
 * set-based SQL, in the caller's transaction: the cases module stays the only writer of its
 * tables. Persons and cases are upserted on (legacy source, legacy id), so a second run, or one at
 * the same time, updates or leaves them but never doubles them. A new case goes straight to its
 * final stage with its historical dates (and, for a post-arrival case, its admission date); its
 * stage history records the import and the source. Returns the persons and cases whose values
 * changed, with before and after, for the caller's audit.
 */
export async function importHouseholds(trx: Executor, b: ImportBatch): Promise<ImportedChange[]> {
  const reason = `imported from ${b.source}`.slice(0, 500);
  const project = !!b.fields?.project;
  const admission = !!b.fields?.admission;
  const approval = !!b.fields?.approval;
  // The final stage's day is the latest of the file's days; without a column for the approval day, the one the case holds counts among them.
  const stageDay = approval ? sql`EXCLUDED.stage_changed_at` : sql`GREATEST(EXCLUDED.stage_changed_at, return_case.approved_on::timestamptz)`;
  // The values an audit entry shows, read before and after the writes for the rows classified as updated
  // (a first import reads nothing). The legal status is named as the audit's field policy knows it.
  const personValues = () => sql<{ id: string; legacy_id: string; case_id: string | null; v: unknown }>`
    SELECT p.id, p.legacy_id,
           (SELECT c.id FROM return_case c WHERE c.legacy_source = ${b.source} AND c.legacy_id = s.household_key) AS case_id,
           jsonb_build_object('givenName', p.given_name, 'familyName', p.family_name, 'originalScriptName', p.original_script_name,
             'sex', p.sex, 'birthDate', p.birth_date, 'birthDateEstimated', p.birth_date_estimated, 'nationality', p.nationality,
             'relationship', (SELECT m.relationship FROM return_case c JOIN case_member m ON m.case_id = c.id
                               WHERE c.legacy_source = ${b.source} AND c.legacy_id = s.household_key AND m.person_id = p.id),
             'document', (SELECT jsonb_build_object('type', d.type, 'number', d.number, 'issuingCountry', d.issuing_country)
                            FROM identity_document d WHERE d.person_id = p.id AND d.legacy_source = ${b.source})) AS v
      FROM import_row s JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = s.legacy_id
     WHERE s.run_id = ${b.runId} AND s.batch = ${b.batch} AND s.outcome = 'updated'`.execute(trx);
  const caseValues = () => sql<{ id: string; legacy_id: string; v: unknown }>`
    SELECT c.id, c.legacy_id, jsonb_build_object('kind', c.kind, 'stage', c.stage, 'legalStatus', c.legal_status, 'countryOfReturn', c.country_of_return,
             'projectId', c.project_id, 'admissionDate', c.admission_date, 'approvedOn', c.approved_on, 'departedOn', c.departed_on, 'principalPersonId', c.principal_person_id,
             'registeredAt', c.created_at, 'stageChangedAt', c.stage_changed_at) AS v
      FROM import_row s JOIN return_case c ON c.legacy_source = ${b.source} AND c.legacy_id = s.household_key
     WHERE s.run_id = ${b.runId} AND s.batch = ${b.batch} AND s.outcome = 'updated' AND s.relationship = 'principal'`.execute(trx);
  const [personsBefore, casesBefore] = await timed(b, 'batch.before', () => Promise.all([personValues(), caseValues()]));

  // Rows staged as created or updated, or (fresh) the rows of one outcome: a fresh batch inserts its
  // created rows without the upsert's look-up of a row to update, and upserts its updated rows.
  const passes: { outcomes: string[]; upsert: boolean }[] = b.fresh
    ? [{ outcomes: ['created'], upsert: false }, { outcomes: ['updated'], upsert: true }]
    : [{ outcomes: ['created', 'updated'], upsert: true }];
  const outcomeIn = (outcomes: string[]) => sql.join(outcomes.map((o) => sql.lit(o)));

  for (const pass of passes) {
    await timed(b, 'batch.persons', () => sql`
      INSERT INTO person (id, given_name, family_name, other_names, original_script_name, transliteration, sex, birth_date, birth_date_estimated,
                          nationality, languages, name_folded, name_skeleton, legacy_source, legacy_id, created_at, updated_at)
      SELECT COALESCE(person_id, gen_random_uuid()), given_name, family_name, '{}', original_script_name, NULL, sex, birth_date, birth_date_estimated,
             nationality, '{}', name_folded, name_skeleton, ${b.source}, legacy_id, ${b.now}, ${b.now}
        FROM import_row WHERE run_id = ${b.runId} AND batch = ${b.batch} AND outcome IN (${outcomeIn(pass.outcomes)})
       -- In the order of their names: each person's blocking keys then go into the index's pages the one before used.
       ORDER BY name_skeleton, birth_date
      ${pass.upsert ? sql`ON CONFLICT (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL DO UPDATE
        SET given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name, original_script_name = EXCLUDED.original_script_name,
            sex = EXCLUDED.sex, birth_date = EXCLUDED.birth_date, birth_date_estimated = EXCLUDED.birth_date_estimated,
            nationality = EXCLUDED.nationality, name_folded = EXCLUDED.name_folded, name_skeleton = EXCLUDED.name_skeleton,
            version = person.version + 1, updated_at = EXCLUDED.updated_at
        WHERE (person.given_name, person.family_name, person.original_script_name, person.sex, person.birth_date, person.birth_date_estimated, person.nationality)
              IS DISTINCT FROM (EXCLUDED.given_name, EXCLUDED.family_name, EXCLUDED.original_script_name, EXCLUDED.sex, EXCLUDED.birth_date,
                                EXCLUDED.birth_date_estimated, EXCLUDED.nationality)` : sql``}`.execute(trx));
  }

  // The person's document from the file: one per person and source, updated in place; a row without
  // a number leaves an earlier one as it is, and documents entered in Homeward are never touched.
  // Only documents missing or different are written, their numbers sealed for their persons before
  // they are: a number is never stored in clear. The staged `document_number_norm` is already the
  // blind index (`documentNumberIndex`), compared with the stored one.
  if (b.fields?.document) {
    // A fresh batch's new persons have their staged ids and no document yet: only the updated rows look theirs up.
    const docs = await timed(b, 'batch.documents', () => sql<{ person_id: string; type: string; number: string; number_norm: string; issuing_country: string | null }>`
      ${b.fresh ? sql`
      SELECT s.person_id::text AS person_id, s.document_type AS type, s.document_number AS number, s.document_number_norm AS number_norm, s.document_country AS issuing_country
        FROM import_row s
       WHERE s.run_id = ${b.runId} AND s.batch = ${b.batch} AND s.outcome = 'created' AND s.document_number IS NOT NULL
      UNION ALL` : sql``}
      SELECT p.id::text AS person_id, s.document_type AS type, s.document_number AS number, s.document_number_norm AS number_norm, s.document_country AS issuing_country
        FROM import_row s JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = s.legacy_id
        LEFT JOIN identity_document d ON d.person_id = p.id AND d.legacy_source = ${b.source}
       WHERE s.run_id = ${b.runId} AND s.batch = ${b.batch} AND s.outcome IN (${outcomeIn(b.fresh ? ['updated'] : ['created', 'updated'])}) AND s.document_number IS NOT NULL
         AND (d.id IS NULL OR (d.type, d.number_norm, d.issuing_country) IS DISTINCT FROM (s.document_type, s.document_number_norm, s.document_country))`.execute(trx));
    const sealed = await timed(b, 'batch.documentsSealed', () => sealManyFor(trx, docs.rows.map((d) => ({ personId: d.person_id, plain: d.number }))));
    // A person erased meanwhile has no key any more: no document is written for them.
    const kept = docs.rows.map((d, i) => ({ ...d, number: sealed[i] })).filter((d): d is typeof d & { number: string } => d.number !== null && d.number !== undefined);
    if (kept.length) {
      await timed(b, 'batch.documents', () => sql`
        INSERT INTO identity_document (person_id, type, number, number_norm, issuing_country, legacy_source, created_at)
        SELECT v.person_id, v.type, v.number, v.number_norm, v.issuing_country, ${b.source}, ${b.now}
          FROM unnest(${kept.map((d) => d.person_id)}::uuid[], ${kept.map((d) => d.type)}::text[], ${kept.map((d) => d.number)}::text[],
                      ${kept.map((d) => d.number_norm)}::text[], ${kept.map((d) => d.issuing_country)}::text[]) AS v(person_id, type, number, number_norm, issuing_country)
        ON CONFLICT (person_id, legacy_source) WHERE legacy_source IS NOT NULL DO UPDATE
          SET type = EXCLUDED.type, number = EXCLUDED.number, number_norm = EXCLUDED.number_norm, issuing_country = EXCLUDED.issuing_country
          WHERE (identity_document.type, identity_document.number_norm, identity_document.issuing_country)
                IS DISTINCT FROM (EXCLUDED.type, EXCLUDED.number_norm, EXCLUDED.issuing_country)`.execute(trx));
    }
  }

  // The case of each household, from its principal's row; created at its registration date, in its final stage.
  // A project or admission date the file has no column for is left as Homeward holds it; an admission date
  // belongs to a post-arrival case only.
  for (const pass of passes) {
    await timed(b, 'batch.cases', () => sql`
    WITH s AS (
      SELECT r.*, GREATEST(r.registered_on, r.approved_on, r.departed_on, r.arrived_on, r.closed_on, r.admitted_on) AS last_on
        FROM import_row r WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN (${outcomeIn(pass.outcomes)}) AND r.relationship = 'principal'
    ), o AS (SELECT id, organisation_id, case_prefix FROM office WHERE id = ${b.officeId}),
    ins AS (
      INSERT INTO return_case (id, case_number, kind, stage, stage_changed_at, legal_status, country_of_return, office_id, origin_office_id,
                               organisation_id, owner_id, created_by, principal_person_id, legacy_source, legacy_id, created_at, updated_at, departed_on,
                               project_id, admission_date, principal_nationality, approved_on)
      SELECT COALESCE(s.case_id, gen_random_uuid()), o.case_prefix || '-L' || upper(substr(md5(${b.source} || chr(31) || s.household_key), 1, 12)), s.kind, s.stage, s.last_on::timestamptz,
             s.legal_status, s.country_of_return, o.id, CASE WHEN s.kind = 'post_arrival' THEN o.id END, o.organisation_id, ${b.actorId}, ${b.actorId},
             p.id, ${b.source}, s.household_key, s.registered_on::timestamptz, ${b.now},
             CASE WHEN s.kind = 'voluntary_return' THEN s.departed_on END,
             s.project_id, CASE WHEN s.kind = 'post_arrival' THEN s.admitted_on END, p.nationality, s.approved_on
        FROM s CROSS JOIN o
        -- The principal: inserted by this batch with its staged id (a fresh batch's new household), else found by its legacy id.
        ${pass.upsert ? sql`JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = s.legacy_id` : sql`CROSS JOIN LATERAL (SELECT s.person_id AS id, s.nationality) p`}
      ${pass.upsert ? sql`ON CONFLICT (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL DO UPDATE
        SET kind = EXCLUDED.kind, stage = EXCLUDED.stage, stage_changed_at = ${stageDay}, legal_status = EXCLUDED.legal_status,
            country_of_return = EXCLUDED.country_of_return, principal_person_id = EXCLUDED.principal_person_id,
            departed_on = EXCLUDED.departed_on, created_at = EXCLUDED.created_at,
            project_id = CASE WHEN ${project} THEN EXCLUDED.project_id ELSE return_case.project_id END,
            admission_date = CASE WHEN EXCLUDED.kind <> 'post_arrival' THEN NULL WHEN ${admission} THEN EXCLUDED.admission_date ELSE return_case.admission_date END,
            approved_on = CASE WHEN ${approval} THEN EXCLUDED.approved_on ELSE return_case.approved_on END,
            version = return_case.version + 1, updated_at = EXCLUDED.updated_at
        WHERE (return_case.kind, return_case.stage, return_case.legal_status, return_case.country_of_return, return_case.principal_person_id, return_case.departed_on,
               return_case.created_at, return_case.stage_changed_at, return_case.project_id, return_case.admission_date, return_case.approved_on)
              IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.stage, EXCLUDED.legal_status, EXCLUDED.country_of_return, EXCLUDED.principal_person_id, EXCLUDED.departed_on,
               EXCLUDED.created_at, ${stageDay},
               CASE WHEN ${project} THEN EXCLUDED.project_id ELSE return_case.project_id END,
               CASE WHEN EXCLUDED.kind <> 'post_arrival' THEN NULL WHEN ${admission} THEN EXCLUDED.admission_date ELSE return_case.admission_date END,
               CASE WHEN ${approval} THEN EXCLUDED.approved_on ELSE return_case.approved_on END)` : sql``}
      RETURNING id, stage, stage_changed_at, (xmax = 0) AS inserted
    )
    INSERT INTO stage_transition (case_id, from_stage, to_stage, reason, actor_id, at)
    SELECT id, NULL, stage, ${reason}, ${b.actorId}, stage_changed_at FROM ins WHERE inserted`.execute(trx));
  }

  // Members: every person of the batch's households in their case, after the members it has: a new
  // case's members in file order from 0 (the principal first), a new member of an existing case
  // after its last (positions are read before the statement writes any).
  for (const pass of passes) {
    await timed(b, 'batch.members', () => (pass.upsert ? sql`
      INSERT INTO case_member (case_id, person_id, relationship, position)
      SELECT x.case_id, x.person_id, x.relationship,
             (SELECT coalesce(max(m.position), -1) FROM case_member m WHERE m.case_id = x.case_id) + x.rank
        FROM (SELECT c.id AS case_id, p.id AS person_id, r.relationship, ${memberRank('r')} AS rank
                FROM import_row r
                JOIN return_case c ON c.legacy_source = ${b.source} AND c.legacy_id = r.household_key
                JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = r.legacy_id
               WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN (${outcomeIn(pass.outcomes)})) x
      ON CONFLICT (case_id, person_id) DO UPDATE SET relationship = EXCLUDED.relationship
        WHERE case_member.relationship IS DISTINCT FROM EXCLUDED.relationship` : sql`
      -- A fresh batch's new persons, by their staged ids: in the case this batch created for their
      -- household (its principal is new too), which has no members yet, else in their household's case
      -- found by its legacy id.
      INSERT INTO case_member (case_id, person_id, relationship, position)
      SELECT y.case_id, y.person_id, y.relationship,
             CASE WHEN y.household_created THEN -1 ELSE (SELECT coalesce(max(m.position), -1) FROM case_member m WHERE m.case_id = y.case_id) END + y.rank
        FROM (SELECT CASE WHEN x.household_created THEN x.case_id
                          ELSE (SELECT c.id FROM return_case c WHERE c.legacy_source = ${b.source} AND c.legacy_id = x.household_key) END AS case_id,
                     x.person_id, x.relationship, x.household_created, ${memberRank('x')} AS rank
                FROM (${householdRows(b)}) x
               WHERE x.outcome = 'created') y`).execute(trx));
  }

  const changes: ImportedChange[] = [];
  if (personsBefore.rows.length || casesBefore.rows.length) {
    const [personsAfter, casesAfter] = await timed(b, 'batch.after', () => Promise.all([personValues(), caseValues()]));
    const diff = (kind: ImportedChange['kind'], before: { id: string; v: unknown }[], after: { id: string; legacy_id: string; case_id?: string | null; v: unknown }[]) => {
      const was = new Map(before.map((r) => [r.id, r.v]));
      for (const r of after) {
        const v = was.get(r.id);
        if (JSON.stringify(v) !== JSON.stringify(r.v)) changes.push({ kind, id: r.id, legacy_id: r.legacy_id, before: v ?? null, after: r.v, ...(kind === 'person' ? { case_id: r.case_id ?? null } : {}) });
      }
    };
    diff('person', personsBefore.rows, personsAfter.rows);
    diff('case', casesBefore.rows, casesAfter.rows);
    // A case whose stage or its day the file changed: the stage history records the correction, from
    // the stage before to the one after, at the file's day, with the import's reason.
    type StageValues = { stage: string; stageChangedAt: string };
    const moved = changes.filter((c) => c.kind === 'case'
      && ((c.before as StageValues).stage !== (c.after as StageValues).stage || (c.before as StageValues).stageChangedAt !== (c.after as StageValues).stageChangedAt));
    if (moved.length) {
      await timed(b, 'batch.cases', () => sql`
        INSERT INTO stage_transition (case_id, from_stage, to_stage, reason, actor_id, at)
        SELECT v.case_id, v.from_stage, v.to_stage, ${reason}, ${b.actorId}, v.at
          FROM unnest(${moved.map((c) => c.id)}::uuid[], ${moved.map((c) => (c.before as StageValues).stage)}::text[],
                      ${moved.map((c) => (c.after as StageValues).stage)}::text[], ${moved.map((c) => (c.after as StageValues).stageChangedAt)}::timestamptz[])
               AS v(case_id, from_stage, to_stage, at)`.execute(trx));
    }
    await maskImportedDocumentNumbers(trx, changes);
    // Names and the date of birth as an edit records them: sealed for the person.
    const persons = changes.filter((c) => c.kind === 'person');
    const sealed = await sealIdentifyingValues(trx, persons.flatMap((c) => [{ personId: c.id, values: c.before }, { personId: c.id, values: c.after }]));
    persons.forEach((c, i) => { c.before = sealed[2 * i]; c.after = sealed[2 * i + 1]; });
  }
  return changes;
}

/**
 * Whether the rows of a person file's run staged as created, in its batches from `fromBatch` on, are
 * still not in Homeward: no person of the source has their legacy id, and no case of the source
 * their household key (a principal's). The classification said so when it ran; another import of
 * the source may have written them since. Asked by the caller while it holds the source's import
 * lock, which every writer of the source's persons and cases holds: the answer then stays true for
 * every batch it writes under the lock (`ImportBatch.fresh`).
 */
export async function freshImportRows(ex: Executor, run: { runId: string; source: string; fromBatch: number }): Promise<boolean> {
  const { rows } = await sql<{ fresh: boolean }>`
    SELECT NOT EXISTS (
             SELECT 1 FROM import_row s JOIN person p ON p.legacy_source = ${run.source} AND p.legacy_id = s.legacy_id
              WHERE s.run_id = ${run.runId} AND s.batch >= ${run.fromBatch} AND s.outcome = 'created')
       AND NOT EXISTS (
             SELECT 1 FROM import_row s JOIN return_case c ON c.legacy_source = ${run.source} AND c.legacy_id = s.household_key
              WHERE s.run_id = ${run.runId} AND s.batch >= ${run.fromBatch} AND s.outcome = 'created' AND s.relationship = 'principal')
       -- Rows staged before persons and cases had staged ids are written as any other.
       AND NOT EXISTS (
             SELECT 1 FROM import_row s
              WHERE s.run_id = ${run.runId} AND s.batch >= ${run.fromBatch} AND s.outcome IN ('created', 'updated') AND (s.person_id IS NULL OR s.case_id IS NULL)) AS fresh`.execute(ex);
  return rows[0]?.fresh === true;
}

type AuditedPersonValues = { document?: { number?: unknown } | null } | null;

/**
 * The document numbers of the persons' before and after values, as an edit through the API records
 * them (`maskDocumentNumber`: the last three characters): the stored numbers, sealed for their
 * persons, are opened together (one read of the persons' keys), then masked. The erased marker is
 * kept as it is.
 */
async function maskImportedDocumentNumbers(trx: Executor, changes: ImportedChange[]) {
  const docs = changes.filter((c) => c.kind === 'person')
    .flatMap((c) => [c.before as AuditedPersonValues, c.after as AuditedPersonValues])
    .map((v) => v?.document)
    .filter((d): d is { number: string } => !!d && typeof d.number === 'string');
  const clear = await openManySealed(trx, docs.map((d) => d.number));
  docs.forEach((d, i) => {
    const number = clear[i]!;
    d.number = number === ERASED_VALUE ? number : maskDocumentNumber(number);
  });
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
        ${b.fresh ? sql`
        -- A fresh batch's new household: its new persons are in its new case only.
        WITH x AS MATERIALIZED (${householdRows(b)})
        SELECT x.case_id FROM x WHERE x.outcome = 'created' AND x.household_created
        UNION
        SELECT m.case_id
          FROM x
          JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = x.legacy_id
          JOIN case_member m ON m.person_id = p.id
         WHERE NOT (x.outcome = 'created' AND x.household_created)` : sql`
        SELECT DISTINCT m.case_id
          FROM import_row r
          JOIN person p ON p.legacy_source = ${b.source} AND p.legacy_id = r.legacy_id
          JOIN case_member m ON m.person_id = p.id
         WHERE r.run_id = ${b.runId} AND r.batch = ${b.batch} AND r.outcome IN ('created', 'updated')`}))`.execute(trx);
  });
}
