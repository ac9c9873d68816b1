import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp } from '../../test-support/harness.js';
import { runImport } from './index.js';

// A legacy export as one file per entity: a cases file (one row per case) and a persons file (one
// row per person, with their case's legacy id), imported together in one run.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-two-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager']);
const other = await officeWith(['office_manager']);
const manager = team.users.office_manager.session;
const jobDeps = { db, clock, dataDir };
const office = await db.selectFrom('office').select(['organisation_id']).where('id', '=', team.office.id).executeTakeFirstOrThrow();
const project = await db.insertInto('project').values({
  organisation_id: office.organisation_id, code: 'TWO-2021', name: 'Two files 2021', starts_on: '2021-01-01', ends_on: '2022-12-31', currency: 'EUR',
  host_countries: [], return_countries: ['SY'],
}).returning('id').executeTakeFirstOrThrow();

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url)).toString('utf8');
const personsMapping = {
  columns: {
    householdKey: 'case_ref', legacyId: 'person_id', relationship: 'role', givenName: 'first_name', familyName: 'last_name', originalScriptName: 'name_ar',
    sex: 'gender', birthDate: 'dob', nationality: 'citizenship', documentType: 'doc_type', documentNumber: 'doc_no',
  },
  values: { relationship: { HEAD: 'principal', SPOUSE: 'spouse', CHILD: 'child' }, sex: { M: 'male', F: 'female' }, documentType: { PP: 'passport' } },
  dateFormat: 'DD/MM/YYYY',
};
const casesMapping = {
  columns: {
    legacyId: 'case_id', officeCode: 'office', legalStatus: 'legal_status', countryOfReturn: 'return_to', projectCode: 'project', kind: 'case_type',
    stage: 'stage', registeredOn: 'registered', approvedOn: 'approved', departedOn: 'departed', arrivedOn: 'arrived', closedOn: 'closed', admittedOn: 'admitted',
  },
  values: { legalStatus: { REJ: 'asylum_rejected', IRR: 'irregular_stay' }, kind: { VR: 'voluntary_return', PA: 'post_arrival' }, projectCode: { R19: 'TWO-2021' } },
  dateFormat: 'DD/MM/YYYY',
};

async function upload(name: string, content: string, session = manager) {
  const { payload, contentType } = multipartUpload({ name, content: Buffer.from(content) });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  return up.json() as { id: string; sha256: string };
}
async function runPair(mode: 'dry_run' | 'import', source: string, cases = fixture('cases.csv'), persons = fixture('persons.csv')) {
  const casesFile = await upload('cases.csv', cases);
  const personsFile = await upload('persons.csv', persons);
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: personsFile.id, casesFileId: casesFile.id, mode, mapping: personsMapping, casesMapping, source });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().id as string;
  expect(await runImport(id, jobDeps)).toBe('done');
  return { id, casesFile, personsFile, run: (await call(manager, 'GET', `/api/imports/runs/${id}`)).json() };
}
const caseOf = (source: string, key: string) => db.selectFrom('return_case').selectAll().where('legacy_source', '=', source).where('legacy_id', '=', key).executeTakeFirst();
const membersOf = async (caseId: string) => (await db.selectFrom('case_member as m').innerJoin('person as p', 'p.id', 'm.person_id')
  .select(['p.legacy_id', 'p.original_script_name']).where('m.case_id', '=', caseId).orderBy('p.legacy_id').execute());
const rejectedOf = async (id: string) => (await call(manager, 'GET', `/api/imports/runs/${id}/report?outcome=rejected`)).json().items
  .map((r: { file: string; line: number; legacyId: string; reason: string; column: string }) => [r.file, r.line, r.legacyId, r.reason, r.column]);

describe('legacy import of a cases file and a persons file', () => {
  it('a dry run reports each row of both files and writes nothing', async () => {
    const { id, run } = await runPair('dry_run', 'two-dry');
    expect(run).toMatchObject({ status: 'done', casesFileName: 'cases.csv', fileName: 'persons.csv', rowsTotal: 7, created: 5, rejected: 2 });
    expect(await rejectedOf(id)).toEqual([
      ['cases', 4, 'C-300', 'unknown_value', 'legal_status'],
      ['cases', 6, 'C-200', 'legacy_id_repeated', 'case_id'],
      ['persons', 6, 'P-3001', 'case_rejected', 'case_ref'],
      ['persons', 8, 'P-9001', 'case_not_found', 'case_ref'],
    ]);
    const csv = (await call(manager, 'GET', `/api/imports/runs/${id}/report.csv`)).body;
    expect(csv).toContain('4,C-300,C-300,rejected,unknown_value,legal_status,,cases');
    expect(csv).toContain('8,C-999,P-9001,rejected,case_not_found,case_ref,,persons');
    expect(await db.selectFrom('return_case').select('id').where('legacy_source', '=', 'two-dry').execute()).toEqual([]);
    expect(await db.selectFrom('person').select('id').where('legacy_source', '=', 'two-dry').execute()).toEqual([]);
    expect(await db.selectFrom('import_case_row').select('line').where('run_id', '=', id).execute()).toEqual([]);
  });

  it('creates each case from its row with its persons as members, audits both files, and removes both', async () => {
    const { id, run, casesFile, personsFile } = await runPair('import', 'two-a');
    expect(run).toMatchObject({ status: 'done', created: 5, rejected: 2, rowsDone: 7 });
    const c100 = (await caseOf('two-a', 'C-100'))!;
    expect(c100).toMatchObject({
      kind: 'voluntary_return', stage: 'closed', legal_status: 'asylum_rejected', country_of_return: 'IQ', approved_on: '2019-03-20', departed_on: '2019-05-15', office_id: team.office.id,
    });
    expect(await membersOf(c100.id)).toEqual([{ legacy_id: 'P-1001', original_script_name: 'أحمد حسن' }, { legacy_id: 'P-1002', original_script_name: 'ليلى حسن' }]);
    // The first row of C-200 gives the case; its repeated row is refused.
    const c200 = (await caseOf('two-a', 'C-200'))!;
    expect(c200).toMatchObject({ stage: 'arrived', legal_status: 'irregular_stay', country_of_return: 'SY', project_id: project.id, approved_on: '2021-11-15' });
    expect(await membersOf(c200.id)).toHaveLength(2);
    expect(await caseOf('two-a', 'C-400')).toMatchObject({ kind: 'post_arrival', stage: 'reintegration', admission_date: '2020-03-01', approved_on: null });
    expect(await caseOf('two-a', 'C-300')).toBeUndefined();
    expect(await caseOf('two-a', 'C-999')).toBeUndefined();
    const events = await db.selectFrom('audit_event').select(['event', 'after']).where('entity_id', '=', id).where('event', 'in', ['import.started', 'import.completed']).orderBy('event', 'desc').execute();
    expect(events).toMatchObject([
      { event: 'import.started', after: { fileName: 'persons.csv', sha256: personsFile.sha256, casesFileName: 'cases.csv', casesSha256: casesFile.sha256 } },
      { event: 'import.completed', after: { fileName: 'persons.csv', sha256: personsFile.sha256, casesFileName: 'cases.csv', casesSha256: casesFile.sha256, created: 5 } },
    ]);
    const files = await db.selectFrom('import_file').select(['stored_name', 'removed_at']).where('id', 'in', [casesFile.id, personsFile.id]).execute();
    expect(files.every((f) => f.removed_at !== null && !existsSync(path.join(dataDir, 'imports', f.stored_name)))).toBe(true);
    // The report keeps the cases file's rejected rows once the run has ended.
    expect((await rejectedOf(id))[0]).toEqual(['cases', 4, 'C-300', 'unknown_value', 'legal_status']);
  });

  it('the same pair again changes nothing; a changed case row updates the case, audited', async () => {
    await runPair('import', 'two-b');
    const again = await runPair('import', 'two-b');
    expect(again.run).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: 2 });
    const before = (await caseOf('two-b', 'C-100'))!;
    const changed = fixture('cases.csv').replace('C-100,,REJ,IQ,,VR,closed,', 'C-100,,REJ,IQ,,VR,arrived,');
    const third = await runPair('import', 'two-b', changed);
    expect(third.run).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    expect(await caseOf('two-b', 'C-100')).toMatchObject({ stage: 'arrived', version: before.version + 1 });
    const events = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'import.case_updated').where('entity_id', '=', before.id).execute();
    expect(events).toMatchObject([{ before: { stage: 'closed' }, after: { stage: 'arrived' } }]);
  });

  it('refuses a mapping that does not fit its file, naming the file and the fields, and a cases file of another office', async () => {
    const casesFile = await upload('cases.csv', fixture('cases.csv'));
    const personsFile = await upload('persons.csv', fixture('persons.csv'));
    const start = (body: Record<string, unknown>) => call(manager, 'POST', '/api/imports/runs', { fileId: personsFile.id, casesFileId: casesFile.id, mode: 'dry_run', mapping: personsMapping, casesMapping, source: 'two-bad', ...body });
    // A case field in the person file: which file would win is never a question.
    const both = await start({ mapping: { ...personsMapping, columns: { ...personsMapping.columns, stage: 'role' } } });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: 'IMPORT_MAPPING_INVALID', details: { file: 'persons', columns: [{ field: 'stage', column: 'role' }] } });
    const missing = await start({ casesMapping: { ...casesMapping, columns: { ...casesMapping.columns, stage: undefined, registeredOn: undefined } } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'IMPORT_REQUIRED_COLUMN_MISSING', details: { file: 'cases', fields: ['stage', 'registeredOn'] } });
    const unknown = await start({ casesMapping: { ...casesMapping, columns: { ...casesMapping.columns, stage: 'etape' } } });
    expect(unknown.json().error).toMatchObject({ code: 'IMPORT_MAPPING_INVALID', details: { file: 'cases' } });
    const personField = await start({ casesMapping: { ...casesMapping, columns: { ...casesMapping.columns, givenName: 'case_id' } } });
    expect(personField.json().error).toMatchObject({ code: 'IMPORT_MAPPING_INVALID', details: { file: 'cases', columns: [{ field: 'givenName' }] } });
    const noMapping = await start({ casesMapping: undefined });
    expect(noMapping.statusCode).toBe(400);
    expect(noMapping.json().error.code).toBe('VALIDATION_FAILED');
    const notPersons = await start({ entity: 'visits' });
    expect(notPersons.statusCode).toBe(400);
    // Without the cases file the person file needs its case fields.
    const alone = await call(manager, 'POST', '/api/imports/runs', { fileId: personsFile.id, mode: 'dry_run', mapping: personsMapping, source: 'two-bad' });
    expect(alone.statusCode).toBe(422);
    // A cases file of another office is not found, as any file out of reach.
    const theirs = await upload('cases.csv', fixture('cases.csv'), other.users.office_manager.session);
    const foreign = await start({ casesFileId: theirs.id });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toMatchObject({ code: 'IMPORT_FILE_NOT_FOUND', details: { field: 'casesFileId' } });
    expect(await db.selectFrom('import_run').select('id').where('source', '=', 'two-bad').execute()).toEqual([]);
  });
});
