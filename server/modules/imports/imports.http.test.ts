import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp, type Session } from '../../test-support/harness.js';
import { openSealedValues } from '../../platform/person-keys.js';
import { purgeImports, runImport } from './index.js';
import { importsSubjectRecords } from './subject-records.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager', 'caseworker']);
const manager = team.users.office_manager.session;
const jobDeps = { db, clock, dataDir };

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const mapping = {
  columns: {
    householdKey: 'family_id', legacyId: 'person_id', relationship: 'role', givenName: 'first_name', familyName: 'last_name', originalScriptName: 'name_ar',
    sex: 'gender', birthDate: 'dob', nationality: 'citizenship', legalStatus: 'status', countryOfReturn: 'destination', kind: 'type', stage: 'final_stage',
    registeredOn: 'registered', departedOn: 'departed', arrivedOn: 'arrived', closedOn: 'closed',
  },
  values: {
    relationship: { HEAD: 'principal', SPOUSE: 'spouse', CHILD: 'child' }, sex: { M: 'male', F: 'female' }, nationality: { Iraq: 'IQ' },
    countryOfReturn: { Iraq: 'IQ', Uzbekistan: 'UZ' }, legalStatus: { REJ: 'asylum_rejected', IRR: 'irregular_stay' }, kind: { VR: 'voluntary_return' },
  },
  dateFormat: 'DD/MM/YYYY',
};

async function upload(s: Session, name: string, content: Buffer, headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartUpload({ name, content });
  return t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType, ...headers } });
}
/**
 * Rows where the statistics differ from a direct count: each case's stored contribution against
 * one computed now from the case tables, and the fine cells against the sums of those contributions.
 */
async function statisticsDrift() {
  const r = await sql<{ facts: number; cells: number; counted: number }>`
    WITH direct AS (SELECT * FROM stat_case_rows(ARRAY(SELECT id FROM return_case))),
    sums AS (
      SELECT year, month, kind, office_id, origin_office_id, organisation_id, host_country, origin_country, project_id, sex, age_band,
             legal_status, household_band, restricted, sum(returnees)::int AS returnees, sum(households)::int AS households
        FROM stat_case_fact GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14),
    cells AS (SELECT * FROM stat_return_fact WHERE returnees <> 0 OR households <> 0)
    SELECT (SELECT count(*)::int FROM ((SELECT * FROM stat_case_fact EXCEPT ALL SELECT * FROM direct) UNION ALL (SELECT * FROM direct EXCEPT ALL SELECT * FROM stat_case_fact)) x) AS facts,
           (SELECT count(*)::int FROM ((SELECT * FROM sums EXCEPT ALL SELECT * FROM cells) UNION ALL (SELECT * FROM cells EXCEPT ALL SELECT * FROM sums)) y) AS cells,
           (SELECT count(*)::int FROM stat_case_fact) AS counted`.execute(db);
  return r.rows[0]!;
}

async function run(fileName: string, mode: 'dry_run' | 'import', source: string, content = fixture(fileName)) {
  const up = await upload(manager, fileName, content);
  expect(up.statusCode, up.body).toBe(201);
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode, mapping, source });
  expect(started.statusCode, started.body).toBe(201);
  return started.json().id as string;
}
const stagedRows = async (runId: string) =>
  Number((await db.selectFrom('import_row').select((eb) => eb.fn.countAll<string>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow()).n);
const fileOf = async (runId: string) =>
  db.selectFrom('import_run as r').innerJoin('import_file as f', 'f.id', 'r.file_id').select(['f.id', 'f.stored_name', 'f.removed_at']).where('r.id', '=', runId).executeTakeFirstOrThrow();
const stored = (storedName: string) => existsSync(path.join(dataDir, 'imports', storedName));
const finished = async (runId: string) => (await call(manager, 'GET', `/api/imports/runs/${runId}`)).json();
const counts = async (source: string) => ({
  persons: Number((await db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).where('legacy_source', '=', source).executeTakeFirstOrThrow()).n),
  cases: Number((await db.selectFrom('return_case').select((eb) => eb.fn.countAll<string>().as('n')).where('legacy_source', '=', source).executeTakeFirstOrThrow()).n),
  members: Number((await db.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id').select((eb) => eb.fn.countAll<string>().as('n')).where('c.legacy_source', '=', source).executeTakeFirstOrThrow()).n),
});

describe('legacy caseload import', () => {
  it('detects the encoding and delimiter of an upload and answers its header', async () => {
    const res = await upload(manager, 'households.csv', fixture('households.csv'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ encoding: 'utf-8', delimiter: ',', fileName: 'households.csv' });
    expect(res.json().headers).toContain('family_id');
    const cp = await upload(manager, 'w.csv', fixture('households-win1252.csv'));
    expect(cp.json()).toMatchObject({ encoding: 'windows-1252' });
    const u16 = await upload(manager, 'u.csv', fixture('households-utf16.csv'));
    expect(u16.json()).toMatchObject({ encoding: 'utf-16le', delimiter: ',' });
    const semi = await upload(manager, 's.csv', Buffer.from(fixture('households.csv').toString('utf8').replace(/,/g, ';')));
    expect(semi.json()).toMatchObject({ delimiter: ';' });
  });

  it('refuses bad files with a clear code and keeps nothing of them', async () => {
    expect((await upload(manager, 'x.csv', fixture('not-text.csv'))).json().error.code).toBe('IMPORT_ENCODING_UNSUPPORTED');
    const wide = Buffer.from(`${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n`);
    const tooWide = await upload(manager, 'wide.csv', wide);
    expect(tooWide.statusCode).toBe(422);
    expect(tooWide.json().error.code).toBe('IMPORT_TOO_MANY_COLUMNS');
    const big = await upload(manager, 'big.csv', Buffer.alloc(1200 * 1024, 'a,b\n'));
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('IMPORT_FILE_TOO_LARGE');
    const files = await db.selectFrom('import_file').select('file_name').where('file_name', 'in', ['x.csv', 'wide.csv', 'big.csv']).execute();
    expect(files).toEqual([]);
    // A mapping without a required field.
    const up = await upload(manager, 'households.csv', fixture('households.csv'));
    const missing = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'dry_run', mapping: { ...mapping, columns: { ...mapping.columns, stage: undefined } }, source: 'old-db' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'IMPORT_REQUIRED_COLUMN_MISSING', details: { fields: ['stage'] } });
    const unknown = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'dry_run', mapping: { ...mapping, columns: { ...mapping.columns, stage: 'etape' } }, source: 'old-db' });
    expect(unknown.json().error.code).toBe('IMPORT_MAPPING_INVALID');
  });

  it('a caseworker may not import', async () => {
    const res = await upload(team.users.caseworker.session, 'households.csv', fixture('households.csv'));
    expect(res.statusCode).toBe(403);
  });

  it('a dry run reports every row and writes nothing', async () => {
    const runId = await run('households.csv', 'dry_run', 'dry-src');
    expect(await runImport(runId, jobDeps)).toBe('done');
    expect(await finished(runId)).toMatchObject({ status: 'done', rowsTotal: 6, rowsDone: 6, created: 4, updated: 0, unchanged: 0, rejected: 2 });
    expect(await counts('dry-src')).toEqual({ persons: 0, cases: 0, members: 0 });
    // The staged rows were analysed once written (the first run of this database): the planner counted them.
    const planned = await sql<{ n: number }>`SELECT reltuples::int AS n FROM pg_class WHERE relname = 'import_row'`.execute(db);
    expect(planned.rows[0]!.n).toBe(6);
    const rejected = (await call(manager, 'GET', `/api/imports/runs/${runId}/report?outcome=rejected`)).json();
    expect(rejected.items).toEqual([
      { file: 'persons', line: 6, householdKey: 'F-300', legacyId: 'P-3001', outcome: 'rejected', reason: 'unknown_value', column: 'status', possibleDuplicateOf: null },
      { file: 'persons', line: 7, householdKey: 'F-400', legacyId: 'P-4001', outcome: 'rejected', reason: 'household_principal', column: 'role', possibleDuplicateOf: null },
    ]);
    const csv = await call(manager, 'GET', `/api/imports/runs/${runId}/report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\n')).toHaveLength(7);
    expect(csv.body).toContain('6,F-300,P-3001,rejected,unknown_value,status,');
  });

  it('imports historical cases in their final stage, and a second import of the same file creates nothing', async () => {
    const runId = await run('households.csv', 'import', 'legacy-a');
    expect(await runImport(runId, jobDeps)).toBe('done');
    expect(await finished(runId)).toMatchObject({ status: 'done', created: 4, rejected: 2, rowsDone: 6 });
    expect(await counts('legacy-a')).toEqual({ persons: 4, cases: 2, members: 4 });
    // The statistics of the imported cases, refreshed once per batch, equal a direct count.
    expect(await statisticsDrift()).toMatchObject({ facts: 0, cells: 0 });
    expect((await statisticsDrift()).counted).toBeGreaterThan(0);
    const c = await db.selectFrom('return_case').selectAll().where('legacy_source', '=', 'legacy-a').where('legacy_id', '=', 'F-100').executeTakeFirstOrThrow();
    expect(c).toMatchObject({ stage: 'closed', legal_status: 'asylum_rejected', country_of_return: 'IQ', office_id: team.office.id });
    expect(c.created_at.toISOString().slice(0, 10)).toBe('2019-02-01');
    const history = await db.selectFrom('stage_transition').selectAll().where('case_id', '=', c.id).execute();
    expect(history).toMatchObject([{ from_stage: null, to_stage: 'closed', reason: 'imported from legacy-a' }]);
    expect(history[0]!.at.toISOString().slice(0, 10)).toBe('2020-11-30');
    const layla = await db.selectFrom('person').selectAll().where('legacy_source', '=', 'legacy-a').where('legacy_id', '=', 'P-1002').executeTakeFirstOrThrow();
    expect(layla).toMatchObject({ birth_date: '1988-01-01', birth_date_estimated: true, original_script_name: 'ليلى حسن', sex: 'female' });
    const audits = await db.selectFrom('audit_event').select(['after']).where('event', '=', 'import.completed').where('entity_id', '=', runId).execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({ fileName: 'households.csv', created: 4, rejected: 2, source: 'legacy-a' });
    expect((audits[0]!.after as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    const again = await run('households.csv', 'import', 'legacy-a');
    expect(await runImport(again, jobDeps)).toBe('done');
    expect(await finished(again)).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 4, rejected: 2 });
    expect(await counts('legacy-a')).toEqual({ persons: 4, cases: 2, members: 4 });
  });

  it('a changed row updates its record, audited with before and after', async () => {
    await runImport(await run('households.csv', 'import', 'legacy-b'), jobDeps);
    const changed = await run('households-changed.csv', 'import', 'legacy-b');
    await runImport(changed, jobDeps);
    expect(await finished(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await statisticsDrift()).toMatchObject({ facts: 0, cells: 0 });
    const p = await db.selectFrom('person').selectAll().where('legacy_source', '=', 'legacy-b').where('legacy_id', '=', 'P-2001').executeTakeFirstOrThrow();
    expect(p).toMatchObject({ given_name: 'Bakhrom', version: 2 });
    const ev = await db.selectFrom('audit_event').select(['before', 'after', 'entity_id']).where('event', '=', 'import.person_updated').where('entity_id', '=', p.id).execute();
    expect(ev).toHaveLength(1);
    // Stored sealed for the person (erased with their key), read opened.
    expect(JSON.stringify(ev[0])).not.toMatch(/Bahrom|Bakhrom/);
    expect(await openSealedValues(db, ev[0]!.before)).toMatchObject({ givenName: 'Bahrom' });
    expect(await openSealedValues(db, ev[0]!.after)).toMatchObject({ givenName: 'Bakhrom' });
  });

  it('a corrected registration or closing day updates the case, audited, and its stage history records the correction', async () => {
    await runImport(await run('households.csv', 'import', 'legacy-dates'), jobDeps);
    const caseRow = () => sql<{ id: string; registered: string; stage_day: string; version: number }>`
      SELECT id, to_char(created_at, 'YYYY-MM-DD') AS registered, to_char(stage_changed_at, 'YYYY-MM-DD') AS stage_day, version
        FROM return_case WHERE legacy_source = 'legacy-dates' AND legacy_id = 'F-100'`.execute(db).then((r) => r.rows[0]!);
    const before = await caseRow();
    expect(before).toMatchObject({ registered: '2019-02-01', stage_day: '2020-11-30' });
    // The household's registration day and its closing day, corrected on all three of its rows.
    const corrected = Buffer.from(fixture('households.csv').toString('utf8').replaceAll('01/02/2019,15/05/2019,16/05/2019,30/11/2020', '03/02/2019,15/05/2019,16/05/2019,02/12/2020'));
    const dry = await run('households-dates.csv', 'dry_run', 'legacy-dates', corrected);
    await runImport(dry, jobDeps);
    expect(await finished(dry)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await caseRow()).toEqual(before);

    const changed = await run('households-dates.csv', 'import', 'legacy-dates', corrected);
    expect(await runImport(changed, jobDeps)).toBe('done');
    expect(await finished(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await caseRow()).toEqual({ ...before, registered: '2019-02-03', stage_day: '2020-12-02', version: before.version + 1 });
    const ev = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'import.case_updated').where('entity_id', '=', before.id).execute();
    expect(ev).toMatchObject([{
      before: { registeredAt: expect.stringMatching(/^2019-02-01/), stageChangedAt: expect.stringMatching(/^2020-11-30/) },
      after: { registeredAt: expect.stringMatching(/^2019-02-03/), stageChangedAt: expect.stringMatching(/^2020-12-02/) },
    }]);
    const history = await sql<{ from_stage: string | null; to_stage: string; day: string; reason: string }>`
      SELECT from_stage, to_stage, to_char(at, 'YYYY-MM-DD') AS day, reason FROM stage_transition WHERE case_id = ${before.id} ORDER BY at`.execute(db);
    expect(history.rows).toEqual([
      { from_stage: null, to_stage: 'closed', day: '2020-11-30', reason: 'imported from legacy-dates' },
      { from_stage: 'closed', to_stage: 'closed', day: '2020-12-02', reason: 'imported from legacy-dates' },
    ]);
    // The corrected file again changes nothing.
    const again = await run('households-dates.csv', 'import', 'legacy-dates', corrected);
    await runImport(again, jobDeps);
    expect(await finished(again)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect((await caseRow()).version).toBe(before.version + 1);
  });

  it('keeps the file\'s arrival day as the case\'s arrival; a corrected day updates it, audited; an arrival confirmed in Homeward is left as it is', async () => {
    await runImport(await run('households.csv', 'import', 'legacy-arrivals'), jobDeps);
    const caseOf = async (key: string) => (await db.selectFrom('return_case').select(['id', 'version', 'stage_changed_at']).where('legacy_source', '=', 'legacy-arrivals').where('legacy_id', '=', key).executeTakeFirstOrThrow());
    const hassan = await caseOf('F-100');
    const arrivalOf = async (caseId: string) => (await call(manager, 'GET', `/api/cases/${caseId}/handover`)).json().arrival;
    expect(await arrivalOf(hassan.id)).toMatchObject({ arrivedOn: '2019-05-16', place: null, receivedByName: null, importedFrom: 'legacy-arrivals' });
    // The two households the file gives an arrival day (the others are rejected or have none).
    expect(await db.selectFrom('arrival').select('arrived_on').where('legacy_source', '=', 'legacy-arrivals').orderBy('arrived_on').execute())
      .toEqual([{ arrived_on: '2019-05-16' }, { arrived_on: '2021-12-02' }]);

    // The arrival day corrected on the household's three rows: the closing day stays the case's last day.
    const corrected = Buffer.from(fixture('households.csv').toString('utf8').replaceAll('15/05/2019,16/05/2019,30/11/2020', '15/05/2019,18/05/2019,30/11/2020'));
    const dry = await run('households-arrival.csv', 'dry_run', 'legacy-arrivals', corrected);
    await runImport(dry, jobDeps);
    expect(await finished(dry)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await arrivalOf(hassan.id)).arrivedOn).toBe('2019-05-16');

    const changed = await run('households-arrival.csv', 'import', 'legacy-arrivals', corrected);
    expect(await runImport(changed, jobDeps)).toBe('done');
    expect(await finished(changed)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await arrivalOf(hassan.id)).toMatchObject({ arrivedOn: '2019-05-18', place: null, importedFrom: 'legacy-arrivals' });
    expect(await caseOf('F-100')).toEqual(hassan);
    const ev = await db.selectFrom('audit_event').select(['entity_type', 'case_id', 'before', 'after', 'details']).where('event', '=', 'import.arrival_updated').where('entity_id', '=', hassan.id).execute();
    expect(ev).toEqual([{
      entity_type: 'arrival', case_id: hassan.id, before: { arrivedOn: '2019-05-16' }, after: { arrivedOn: '2019-05-18' },
      details: { importRunId: changed, source: 'legacy-arrivals', legacyId: 'F-100' },
    }]);
    const again = await run('households-arrival.csv', 'import', 'legacy-arrivals', corrected);
    await runImport(again, jobDeps);
    expect(await finished(again)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });

    // An arrival confirmed in Homeward (a place and who received the returnee) is never overwritten by a file.
    await db.updateTable('arrival').set({ legacy_source: null, arrived_on: '2019-05-17', place: 'Baghdad airport', received_by_name: 'Zainab Ali' })
      .where('case_id', '=', hassan.id).execute();
    const otherDay = Buffer.from(corrected.toString('utf8').replaceAll('15/05/2019,18/05/2019,', '15/05/2019,20/05/2019,'));
    const confirmed = await run('households-confirmed.csv', 'import', 'legacy-arrivals', otherDay);
    await runImport(confirmed, jobDeps);
    expect(await finished(confirmed)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(await arrivalOf(hassan.id)).toMatchObject({ arrivedOn: '2019-05-17', place: 'Baghdad airport', receivedByName: 'Zainab Ali', importedFrom: null });
  });

  it('an exact birth date for an estimated year, a corrected relationship and a new principal update their rows, audited', async () => {
    await runImport(await run('households.csv', 'import', 'legacy-members'), jobDeps);
    const person = (legacyId: string) => db.selectFrom('person').select(['id', 'birth_date', 'birth_date_estimated'])
      .where('legacy_source', '=', 'legacy-members').where('legacy_id', '=', legacyId).executeTakeFirstOrThrow();
    const household = () => db.selectFrom('return_case as c').innerJoin('case_member as m', 'm.case_id', 'c.id').innerJoin('person as p', 'p.id', 'm.person_id')
      .select(['c.id', 'c.principal_person_id', 'p.legacy_id', 'm.relationship'])
      .where('c.legacy_source', '=', 'legacy-members').where('c.legacy_id', '=', 'F-100').orderBy('p.legacy_id').execute();
    const layla = await person('P-1002');
    expect(layla).toMatchObject({ birth_date: '1988-01-01', birth_date_estimated: true });

    // Layla's year of birth replaced by the exact date, which is the same day: only the estimate changes.
    const exact = fixture('households.csv').toString('utf8').replace('Layla,Hassan,ليلى حسن,F,1988,', 'Layla,Hassan,ليلى حسن,F,01/01/1988,');
    const first = await run('households-exact.csv', 'import', 'legacy-members', Buffer.from(exact));
    await runImport(first, jobDeps);
    expect(await finished(first)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await person('P-1002')).toMatchObject({ birth_date: '1988-01-01', birth_date_estimated: false });
    const estimate = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'import.person_updated').where('entity_id', '=', layla.id).execute();
    expect(estimate).toMatchObject([{ before: { birthDateEstimated: true, relationship: 'spouse' }, after: { birthDateEstimated: false, relationship: 'spouse' } }]);

    // Then the household's principal is Layla, and Ahmed her spouse: both rows and the case change.
    const swapped = exact.replace('F-100,P-1001,HEAD,', 'F-100,P-1001,SPOUSE,').replace('F-100,P-1002,SPOUSE,', 'F-100,P-1002,HEAD,');
    const second = await run('households-swapped.csv', 'import', 'legacy-members', Buffer.from(swapped));
    expect(await runImport(second, jobDeps)).toBe('done');
    expect(await finished(second)).toMatchObject({ created: 0, updated: 2, unchanged: 2 });
    const members = await household();
    expect(members.map((m) => [m.legacy_id, m.relationship])).toEqual([['P-1001', 'spouse'], ['P-1002', 'principal'], ['P-1003', 'child']]);
    expect(members[0]!.principal_person_id).toBe(layla.id);
    const ahmed = await person('P-1001');
    const roles = await db.selectFrom('audit_event').select(['entity_id', 'before', 'after']).where('event', '=', 'import.person_updated')
      .where('entity_id', 'in', [ahmed.id, layla.id]).orderBy('id').execute();
    expect(roles.slice(1).map((e) => [e.entity_id, (e.before as { relationship: string }).relationship, (e.after as { relationship: string }).relationship]))
      .toEqual(expect.arrayContaining([[ahmed.id, 'principal', 'spouse'], [layla.id, 'spouse', 'principal']]));
    const caseEvents = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'import.case_updated').where('entity_id', '=', members[0]!.id).execute();
    expect(caseEvents).toMatchObject([{ before: { principalPersonId: ahmed.id }, after: { principalPersonId: layla.id } }]);

    // The same file again changes nothing.
    const again = await run('households-swapped.csv', 'import', 'legacy-members', Buffer.from(swapped));
    await runImport(again, jobDeps);
    expect(await finished(again)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });

  it('a person new to a household already imported joins its case; a new household gets a case of its own', async () => {
    await runImport(await run('households.csv', 'import', 'legacy-grow'), jobDeps);
    const before = await db.selectFrom('return_case').select(['id', 'legacy_id']).where('legacy_source', '=', 'legacy-grow').orderBy('legacy_id').execute();
    const grown = Buffer.concat([fixture('households.csv'), Buffer.from([
      'F-100,P-1004,CHILD,Sara,Hassan,,F,09/09/2015,Iraq,REJ,Iraq,VR,closed,01/02/2019,15/05/2019,16/05/2019,30/11/2020',
      'F-500,P-5001,HEAD,Yusuf,Karimov,,M,01/02/1970,UZ,IRR,Uzbekistan,VR,closed,03/03/2020,04/04/2020,05/04/2020,06/06/2021',
      'F-500,P-5002,SPOUSE,Dilnoza,Karimova,,F,02/03/1975,UZ,IRR,Uzbekistan,VR,closed,03/03/2020,04/04/2020,05/04/2020,06/06/2021', '',
    ].join('\n'))]);
    const runId = await run('households-grown.csv', 'import', 'legacy-grow', grown);
    expect(await runImport(runId, jobDeps)).toBe('done');
    expect(await finished(runId)).toMatchObject({ created: 3, unchanged: 4, rejected: 2 });
    expect(await counts('legacy-grow')).toEqual({ persons: 7, cases: 3, members: 7 });
    const members = async (legacyId: string) => (await db.selectFrom('case_member as m').innerJoin('return_case as c', 'c.id', 'm.case_id')
      .innerJoin('person as p', 'p.id', 'm.person_id').select(['c.id', 'p.legacy_id', 'm.relationship', 'm.position'])
      .where('c.legacy_source', '=', 'legacy-grow').where('c.legacy_id', '=', legacyId).orderBy('m.position').execute());
    // The existing case keeps its id and gains the child; the new household is one case of its two persons, the principal first.
    const f100 = await members('F-100');
    expect(f100.map((m) => m.legacy_id)).toEqual(['P-1001', 'P-1002', 'P-1003', 'P-1004']);
    expect(f100[0]!.id).toBe(before.find((c) => c.legacy_id === 'F-100')!.id);
    const f500 = await members('F-500');
    expect(f500.map((m) => [m.legacy_id, m.relationship, m.position])).toEqual([['P-5001', 'principal', 0], ['P-5002', 'spouse', 1]]);
    expect(f500[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const principal = await db.selectFrom('return_case as c').innerJoin('person as p', 'p.id', 'c.principal_person_id').select(['p.legacy_id', 'c.principal_nationality'])
      .where('c.id', '=', f500[0]!.id).executeTakeFirstOrThrow();
    expect(principal).toEqual({ legacy_id: 'P-5001', principal_nationality: 'UZ' });
    // Both cases counted as a direct count counts them: four returnees in F-100's household.
    expect(await statisticsDrift()).toMatchObject({ facts: 0, cells: 0 });
    const counted = await db.selectFrom('stat_case_fact').select((eb) => eb.fn.sum<string>('returnees').as('n')).where('case_id', '=', f100[0]!.id).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(4);
  });

  it('lists a new person who looks like one already in Homeward as a possible duplicate, without merging', async () => {
    await runImport(await run('households.csv', 'import', 'legacy-c'), jobDeps);
    const other = await run('households.csv', 'dry_run', 'legacy-d');
    await runImport(other, jobDeps);
    expect(await finished(other)).toMatchObject({ created: 4, possibleDuplicates: 4 });
    const page = (await call(manager, 'GET', `/api/imports/runs/${other}/report?outcome=created`)).json();
    expect(page.items.every((r: { possibleDuplicateOf: string | null }) => r.possibleDuplicateOf)).toBe(true);
  });

  it('two imports of the same file at once create no doubles', async () => {
    const a = await run('households.csv', 'import', 'legacy-e');
    const b = await run('households.csv', 'import', 'legacy-e');
    await Promise.all([runImport(a, jobDeps), runImport(b, jobDeps)]);
    expect(await counts('legacy-e')).toEqual({ persons: 4, cases: 2, members: 4 });
  });

  it('an import classified before another of the same source wrote the same rows finds them written, and doubles nothing', async () => {
    const a = await run('households.csv', 'import', 'legacy-e2');
    const b = await run('households.csv', 'import', 'legacy-e2');
    // Both staged and classified while nothing of the source is in Homeward: every row created.
    expect(await runImport(a, jobDeps, { stopAfterBatches: 0 })).toBe('stopped');
    expect(await runImport(b, jobDeps, { stopAfterBatches: 0 })).toBe('stopped');
    expect(await runImport(a, jobDeps)).toBe('done');
    expect(await runImport(b, jobDeps)).toBe('done');
    expect(await counts('legacy-e2')).toEqual({ persons: 4, cases: 2, members: 4 });
  });

  it('resumes after a crash from its last committed batch, with the same result as an uninterrupted run', async () => {
    // A file of many households, written in four batches.
    const header = fixture('households.csv').toString('utf8').split('\n')[0];
    const lines = [header];
    for (let h = 0; h < 2500; h++) {
      lines.push(`H-${h},P-${h}-1,HEAD,Name${h},Family${h},,M,01/01/1980,IQ,REJ,IQ,VR,closed,01/02/2019,15/05/2019,16/05/2019,30/11/2020`);
      lines.push(`H-${h},P-${h}-2,CHILD,Child${h},Family${h},,F,01/01/2010,IQ,REJ,IQ,VR,closed,01/02/2019,15/05/2019,16/05/2019,30/11/2020`);
    }
    const content = Buffer.from(lines.join('\n') + '\n');
    const up = await upload(manager, 'many.csv', content);
    expect(up.statusCode, up.body).toBe(201);
    const start = async (source: string) => (await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'import', mapping, source })).json().id as string;
    const crashed = await start('resume-a');
    await db.updateTable('import_run').set({ batches: 4 }).where('id', '=', crashed).execute();
    expect(await runImport(crashed, jobDeps, { stopAfterBatches: 2 })).toBe('stopped');
    const midway = await finished(crashed);
    expect(midway).toMatchObject({ status: 'running' });
    expect(midway.rowsDone).toBeGreaterThan(0);
    expect(midway.rowsDone).toBeLessThan(5000);
    // While a run can resume, its staged rows and its file are kept.
    expect(await stagedRows(crashed)).toBe(5000);
    // A written person's access request finds their own staged row, not their child's, which names the same case.
    const written = await db.selectFrom('person as p').innerJoin('case_member as m', 'm.person_id', 'p.id').select(['p.id', 'p.legacy_id', 'm.case_id'])
      .where('p.legacy_source', '=', 'resume-a').where('m.relationship', '=', 'principal').executeTakeFirstOrThrow();
    const records = await importsSubjectRecords(db, { personId: written.id, caseIds: [written.case_id] });
    expect(records.import_row.map((r) => r.legacy_id)).toEqual([written.legacy_id]);
    // The same file once more, uninterrupted (started now: the file is removed when the last import of it ends).
    const whole = await start('resume-b');
    expect(await runImport(crashed, jobDeps)).toBe('done');
    await db.updateTable('import_run').set({ batches: 4 }).where('id', '=', whole).execute();
    expect(await runImport(whole, jobDeps)).toBe('done');
    expect(await finished(crashed)).toMatchObject({ status: 'done', rowsDone: 5000, created: 5000 });
    expect(await counts('resume-a')).toEqual({ persons: 5000, cases: 2500, members: 5000 });
    expect(await counts('resume-b')).toEqual(await counts('resume-a'));
    expect(await statisticsDrift()).toMatchObject({ facts: 0, cells: 0 });
  });

  it('cancels an import between batches', async () => {
    const runId = await run('households.csv', 'import', 'legacy-f');
    const res = await call(manager, 'POST', `/api/imports/runs/${runId}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await runImport(runId, jobDeps)).toBe('cancelled');
    expect(await finished(runId)).toMatchObject({ status: 'cancelled' });
    expect((await call(manager, 'POST', `/api/imports/runs/${runId}/cancel`)).json().error.code).toBe('IMPORT_RUN_FINISHED');
  });

  it('keeps the report of a finished run, deletes its staged rows, and removes the file once an import of it ended', async () => {
    const dry = await run('households.csv', 'dry_run', 'clean-a');
    expect(await runImport(dry, jobDeps)).toBe('done');
    expect(await stagedRows(dry)).toBe(0);
    const dryFile = await fileOf(dry);
    // A dry run keeps the file for the import that follows it.
    expect(dryFile.removed_at).toBeNull();
    expect(stored(dryFile.stored_name)).toBe(true);
    const imported = await call(manager, 'POST', '/api/imports/runs', { fileId: dryFile.id, mode: 'import', mapping, source: 'clean-a' });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(await runImport(imported.json().id, jobDeps)).toBe('done');
    expect(await stagedRows(imported.json().id)).toBe(0);
    const after = await fileOf(imported.json().id);
    expect(after.removed_at).not.toBeNull();
    expect(stored(after.stored_name)).toBe(false);
    // The reports stay, both of them.
    for (const id of [dry, imported.json().id]) {
      const report = (await call(manager, 'GET', `/api/imports/runs/${id}/report`)).json();
      expect(report.total).toBe(6);
      expect(report.items.filter((r: { outcome: string }) => r.outcome === 'rejected')).toHaveLength(2);
      expect((await call(manager, 'GET', `/api/imports/runs/${id}/report.csv`)).body.trim().split('\n')).toHaveLength(7);
    }
    const again = await call(manager, 'POST', '/api/imports/runs', { fileId: dryFile.id, mode: 'import', mapping, source: 'clean-a' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('IMPORT_FILE_REMOVED');
    // A cancelled import keeps its report too.
    const cancelled = await run('households.csv', 'import', 'clean-b');
    await call(manager, 'POST', `/api/imports/runs/${cancelled}/cancel`);
    expect(await runImport(cancelled, jobDeps)).toBe('cancelled');
    expect(await stagedRows(cancelled)).toBe(0);
    expect((await call(manager, 'GET', `/api/imports/runs/${cancelled}/report`)).json().total).toBe(6);
    expect(stored((await fileOf(cancelled)).stored_name)).toBe(false);
  });

  it('the hourly purge ends a run abandoned with its staged rows, and removes after 7 days a file no import followed', async () => {
    const hour = 3_600_000;
    const ago = (ms: number) => new Date(clock.now().getTime() - ms);
    // A run whose job stopped for good after staging its rows (its retries exhausted, or lost).
    const abandoned = await run('households.csv', 'import', 'purge-a');
    expect(await runImport(abandoned, jobDeps, { stopAfterBatches: 0 })).toBe('stopped');
    expect(await stagedRows(abandoned)).toBe(6);
    // A dry run no import followed, and staged rows an ended run left behind.
    const dry = await run('households.csv', 'dry_run', 'purge-b');
    expect(await runImport(dry, jobDeps)).toBe('done');
    const dryFile = await fileOf(dry);
    await db.insertInto('import_row').values({ run_id: dry, line: 99, batch: 0, outcome: 'created', given_name: 'Left behind' }).execute();

    // Less than a day without progress: the run is left to its job.
    await db.updateTable('import_run').set({ updated_at: ago(23 * hour) }).where('id', '=', abandoned).execute();
    expect(await purgeImports(jobDeps)).toEqual({ abandonedRuns: 0, stagedRows: 1, files: 0 });
    expect(await stagedRows(abandoned)).toBe(6);
    expect(await stagedRows(dry)).toBe(0);

    // A day without progress: failed, its staged rows deleted, its report kept, its file removed; a retry of its job does nothing.
    await db.updateTable('import_run').set({ updated_at: ago(25 * hour) }).where('id', '=', abandoned).execute();
    expect(await purgeImports(jobDeps)).toEqual({ abandonedRuns: 1, stagedRows: 0, files: 0 });
    expect(await stagedRows(abandoned)).toBe(0);
    expect(await finished(abandoned)).toMatchObject({ status: 'failed', errorCode: 'IMPORT_FAILED' });
    expect((await call(manager, 'GET', `/api/imports/runs/${abandoned}/report`)).json().total).toBe(6);
    expect(stored((await fileOf(abandoned)).stored_name)).toBe(false);
    expect(await runImport(abandoned, jobDeps)).toBe('skipped');

    // The dry run's file is kept 7 days after its upload and its last run, for the import it prepares.
    expect(stored(dryFile.stored_name)).toBe(true);
    await db.updateTable('import_file').set({ created_at: ago(8 * 24 * hour) }).where('id', '=', dryFile.id).execute();
    await db.updateTable('import_run').set({ finished_at: ago(6 * 24 * hour) }).where('id', '=', dry).execute();
    expect((await purgeImports(jobDeps)).files).toBe(0);
    expect(stored(dryFile.stored_name)).toBe(true);
    await db.updateTable('import_run').set({ finished_at: ago(8 * 24 * hour) }).where('id', '=', dry).execute();
    expect((await purgeImports(jobDeps)).files).toBe(1);
    expect(stored(dryFile.stored_name)).toBe(false);
    expect((await fileOf(dry)).removed_at).not.toBeNull();
    const late = await call(manager, 'POST', '/api/imports/runs', { fileId: dryFile.id, mode: 'import', mapping, source: 'purge-b' });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('IMPORT_FILE_REMOVED');
    expect((await call(manager, 'GET', `/api/imports/runs/${dry}/report`)).json().total).toBe(6);
  });

  it('refuses a file with a row of 10,000 columns as a whole, before anything is staged', async () => {
    const lines = fixture('households.csv').toString('utf8').trimEnd().split('\n');
    const wide = Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(',');
    const content = Buffer.from([...lines, wide, ...lines.slice(1).map((l) => l.replace(/P-(\d+)/, 'Q-$1'))].join('\n') + '\n');
    const runId = await run('wide-row.csv', 'import', 'wide-src', content);
    expect(await runImport(runId, jobDeps)).toBe('failed');
    expect(await finished(runId)).toMatchObject({ status: 'failed', errorCode: 'IMPORT_TOO_MANY_COLUMNS', rowsTotal: 0, rowsDone: 0, created: 0, rejected: 0 });
    expect(await stagedRows(runId)).toBe(0);
    expect((await call(manager, 'GET', `/api/imports/runs/${runId}/report`)).json().total).toBe(0);
    expect(await counts('wide-src')).toEqual({ persons: 0, cases: 0, members: 0 });
    // Failed for good: the job's retry does nothing.
    expect(await runImport(runId, jobDeps)).toBe('skipped');
  });

  it('saves mappings per office for reuse', async () => {
    const saved = await call(manager, 'PUT', '/api/imports/mappings', { name: 'Old database', mapping });
    expect(saved.statusCode, saved.body).toBe(200);
    const list = (await call(manager, 'GET', '/api/imports/mappings')).json();
    expect(list.items).toMatchObject([{ name: 'Old database', entity: 'households', mapping: { dateFormat: 'DD/MM/YYYY' }, casesMapping: null }]);
  });

  it('saves the mapping of a person file and of its cases file as one pair, and what each file holds', async () => {
    const casesMapping = { columns: { legacyId: 'case_no', legalStatus: 'status', countryOfReturn: 'destination', stage: 'final_stage', registeredOn: 'registered' }, values: { legalStatus: { REJ: 'asylum_rejected' } }, dateFormat: 'YYYY-MM-DD' };
    const pair = await call(manager, 'PUT', '/api/imports/mappings', { name: 'Two files', mapping: { columns: { householdKey: 'case_no', legacyId: 'person_id' } }, casesMapping });
    expect(pair.statusCode, pair.body).toBe(200);
    expect(pair.json()).toMatchObject({ name: 'Two files', entity: 'households', casesMapping });
    const visits = await call(manager, 'PUT', '/api/imports/mappings', { name: 'Visits', entity: 'visits', mapping: { columns: { legacyId: 'visit_id' } } });
    expect(visits.json()).toMatchObject({ entity: 'visits', casesMapping: null });
    // Only a person file has a cases file.
    const refused = await call(manager, 'PUT', '/api/imports/mappings', { name: 'Wrong', entity: 'components', mapping: { columns: {} }, casesMapping });
    expect(refused.statusCode).toBe(400);
    // Saved again under its name without its cases file, the pair becomes a single mapping.
    await call(manager, 'PUT', '/api/imports/mappings', { name: 'Two files', mapping: { columns: { householdKey: 'case_no' } } });
    const list = (await call(manager, 'GET', '/api/imports/mappings')).json();
    expect(list.items.map((m: { name: string; entity: string; casesMapping: unknown }) => [m.name, m.entity, m.casesMapping])).toEqual([
      ['Old database', 'households', null], ['Two files', 'households', null], ['Visits', 'visits', null],
    ]);
    const audited = await db.selectFrom('audit_event').select('after').where('event', '=', 'import.mapping_saved').orderBy('id').execute();
    expect(audited.map((a) => (a.after as { casesMapping?: unknown }).casesMapping)).toEqual([undefined, casesMapping, undefined, undefined]);
  });
});
