import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp } from '../../test-support/harness.js';
import { openSealed, openSealedValues } from '../../platform/person-keys.js';
import { runImport } from './index.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-vuln-'));
const csvDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-vuln-csv-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager']);
const manager = team.users.office_manager.session;
const jobDeps = { db, clock, dataDir };

/** A CSV written to a temporary directory, then read back as the user's file would be. */
const csv = (name: string, lines: string[]) => {
  const file = path.join(csvDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return readFileSync(file);
};
const HEADER = 'family_id,person_id,role,first_name,last_name,dob,status,destination,final_stage,registered,vuln';
const persons = (vulnOfAhmed: string) => csv('persons.csv', [
  HEADER,
  `F-1,P-1,HEAD,Ahmed,Hassan,12/03/1985,REJ,IQ,closed,01/02/2019,${vulnOfAhmed}`,
  'F-1,P-2,CHILD,Omar,Hassan,04/07/2012,REJ,IQ,closed,01/02/2019,',
  'F-2,P-3,HEAD,Bahrom,Karimov,22/09/1979,IRR,UZ,closed,10/10/2021,OLD',
  'F-3,P-4,HEAD,Amina,Diallo,05/05/1990,IRR,GN,closed,01/01/2018,XYZ',
]);
const personMapping = {
  columns: {
    householdKey: 'family_id', legacyId: 'person_id', relationship: 'role', givenName: 'first_name', familyName: 'last_name', birthDate: 'dob',
    legalStatus: 'status', countryOfReturn: 'destination', stage: 'final_stage', registeredOn: 'registered', vulnerabilities: 'vuln',
  },
  values: {
    relationship: { HEAD: 'principal', CHILD: 'child' }, legalStatus: { REJ: 'asylum_rejected', IRR: 'irregular_stay' },
    vulnerabilities: { TRAF: 'trafficking_victim', MED: 'medical_physical', OLD: 'elderly' },
  },
  dateFormat: 'DD/MM/YYYY',
};
const vulnMapping = {
  columns: {
    legacyId: 'vuln_id', caseLegacyId: 'case_ref', personLegacyId: 'person_ref', category: 'cat', identifiedOn: 'seen', vulnerabilityStatus: 'state', details: 'notes',
  },
  values: { category: { DIS: 'disability', UAC: 'unaccompanied_child' }, vulnerabilityStatus: { A: 'active', R: 'resolved' } },
  dateFormat: 'DD/MM/YYYY',
};

async function start(name: string, content: Buffer, mode: 'dry_run' | 'import', source: string, entity: 'households' | 'vulnerabilities', mapping: object) {
  const { payload, contentType } = multipartUpload({ name, content });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode, entity, mapping, source });
  expect(started.statusCode, started.body).toBe(201);
  const runId = started.json().id as string;
  expect(await runImport(runId, jobDeps)).toBe('done');
  return (await call(manager, 'GET', `/api/imports/runs/${runId}`)).json();
}
const report = async (runId: string, outcome?: string) =>
  (await call(manager, 'GET', `/api/imports/runs/${runId}/report${outcome ? `?outcome=${outcome}` : ''}`)).json().items;
/** The vulnerabilities of a source, their details opened: an import stores them sealed for the person, never in clear. */
const vulnerabilities = async (source: string) => {
  const rows = await db.selectFrom('vulnerability as v').innerJoin('person as p', 'p.id', 'v.person_id')
    .select(['p.legacy_id as person', 'v.category', 'v.status', 'v.details as clear', 'v.details_encrypted', 'v.identified_on', 'v.legacy_source', 'v.legacy_id', 'v.id'])
    .where('v.legacy_source', '=', source).orderBy('p.legacy_id').orderBy('v.category').execute();
  for (const r of rows) expect(r.clear).toBeNull();
  return Promise.all(rows.map(async ({ clear: _clear, details_encrypted, ...r }) => ({ ...r, details: await openSealed(db, details_encrypted) })));
};
const caseOf = (source: string, key: string) =>
  db.selectFrom('return_case').select(['id', 'restricted']).where('legacy_source', '=', source).where('legacy_id', '=', key).executeTakeFirstOrThrow();

describe('legacy import: vulnerabilities in the person file', () => {
  it('a dry run writes nothing; an import creates them with their provenance; the same file again changes nothing', async () => {
    const dry = await start('persons.csv', persons('TRAF;MED'), 'dry_run', 'pv', 'households', personMapping);
    expect(dry).toMatchObject({ entity: 'households', created: 3, rejected: 1 });
    expect(await vulnerabilities('pv')).toEqual([]);
    const rejected = await report(dry.id, 'rejected');
    expect(rejected).toMatchObject([{ line: 5, legacyId: 'P-4', reason: 'unknown_value', column: 'vuln' }]);

    const first = await start('persons.csv', persons('TRAF;MED'), 'import', 'pv', 'households', personMapping);
    expect(first).toMatchObject({ created: 3, rejected: 1 });
    expect((await vulnerabilities('pv')).map((v) => [v.person, v.category, v.legacy_id, v.status])).toEqual([
      ['P-1', 'medical_physical', 'P-1/medical_physical', 'active'],
      ['P-1', 'trafficking_victim', 'P-1/trafficking_victim', 'active'],
      ['P-3', 'elderly', 'P-3/elderly', 'active'],
    ]);
    // An active trafficking vulnerability restricts the case, as a screening does.
    expect((await caseOf('pv', 'F-1')).restricted).toBe(true);
    expect((await caseOf('pv', 'F-2')).restricted).toBe(false);

    const again = await start('persons.csv', persons('TRAF;MED'), 'import', 'pv', 'households', personMapping);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 1 });
    expect(await vulnerabilities('pv')).toHaveLength(3);

    // A category added in the file updates the row and adds that one vulnerability.
    const changed = await start('persons.csv', persons('TRAF;MED;OLD'), 'import', 'pv', 'households', personMapping);
    expect(changed).toMatchObject({ updated: 1, unchanged: 2 });
    expect((await vulnerabilities('pv')).filter((v) => v.person === 'P-1').map((v) => v.category)).toEqual(['elderly', 'medical_physical', 'trafficking_victim']);
  });
});

describe('legacy import: a file of vulnerabilities linked by legacy ids', () => {
  const file = (stateOfV1: string) => csv('vulnerabilities.csv', [
    'vuln_id,case_ref,person_ref,cat,seen,state,notes',
    `V-1,F-1,P-2,UAC,03/02/2019,${stateOfV1},Travelled alone`,
    'V-2,F-9,P-2,DIS,03/02/2019,A,',
    'V-3,F-1,P-3,DIS,03/02/2019,A,',
    'V-4,F-2,P-3,XXX,03/02/2019,A,',
    'V-5,F-2,P-3,DIS,03/02/2099,A,',
    'V-6,F-2,P-3,DIS,03/02/2019,A,',
  ]);

  it('links each row to its case and person, rejects orphans and bad values by column, and a re-import creates nothing twice', async () => {
    await start('persons.csv', persons(''), 'import', 'ev', 'households', { ...personMapping, columns: { ...personMapping.columns, vulnerabilities: undefined } });
    const dry = await start('vulnerabilities.csv', file('A'), 'dry_run', 'ev', 'vulnerabilities', vulnMapping);
    expect(dry).toMatchObject({ entity: 'vulnerabilities', rowsTotal: 6, created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(await vulnerabilities('ev')).toEqual([]);
    expect(await report(dry.id, 'rejected')).toEqual([
      { file: 'persons', line: 3, householdKey: 'F-9', legacyId: 'V-2', outcome: 'rejected', reason: 'case_not_found', column: 'case_ref', possibleDuplicateOf: null },
      { file: 'persons', line: 4, householdKey: 'F-1', legacyId: 'V-3', outcome: 'rejected', reason: 'person_not_in_case', column: 'person_ref', possibleDuplicateOf: null },
      { file: 'persons', line: 5, householdKey: 'F-2', legacyId: 'V-4', outcome: 'rejected', reason: 'unknown_value', column: 'cat', possibleDuplicateOf: null },
      { file: 'persons', line: 6, householdKey: 'F-2', legacyId: 'V-5', outcome: 'rejected', reason: 'date_in_future', column: 'seen', possibleDuplicateOf: null },
    ]);

    const first = await start('vulnerabilities.csv', file('A'), 'import', 'ev', 'vulnerabilities', vulnMapping);
    expect(first).toMatchObject({ created: 2, rejected: 4 });
    expect((await vulnerabilities('ev')).map((v) => [v.person, v.category, v.status, v.details, v.identified_on, v.legacy_id])).toEqual([
      ['P-2', 'unaccompanied_child', 'active', 'Travelled alone', '2019-02-03', 'V-1'],
      ['P-3', 'disability', 'active', null, '2019-02-03', 'V-6'],
    ]);
    expect((await caseOf('ev', 'F-1')).restricted).toBe(true);

    const again = await start('vulnerabilities.csv', file('A'), 'import', 'ev', 'vulnerabilities', vulnMapping);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
    expect(await vulnerabilities('ev')).toHaveLength(2);

    // V-1 resolved in the file: updated, audited with before and after; the case is no longer restricted.
    const changed = await start('vulnerabilities.csv', file('R'), 'import', 'ev', 'vulnerabilities', vulnMapping);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const v1 = (await vulnerabilities('ev')).find((v) => v.legacy_id === 'V-1')!;
    expect(v1.status).toBe('resolved');
    const ev = await db.selectFrom('audit_event').select(['before', 'after', 'case_id']).where('event', '=', 'import.vulnerability_updated').where('entity_id', '=', v1.id).execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'resolved' }, case_id: (await caseOf('ev', 'F-1')).id });
    // The audit values hold the details sealed, opened for a reader.
    expect(JSON.stringify(ev[0])).not.toContain('Travelled alone');
    expect(await openSealedValues(db, ev[0]!.after)).toMatchObject({ details: 'Travelled alone' });
    expect((await caseOf('ev', 'F-1')).restricted).toBe(false);
  });

  it('refuses a mapping without the fields a file of vulnerabilities needs, or with a field of another kind of file', async () => {
    const { payload, contentType } = multipartUpload({ name: 'v.csv', content: file('A') });
    const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
    const fileId = up.json().id;
    const missing = await call(manager, 'POST', '/api/imports/runs', { fileId, mode: 'dry_run', entity: 'vulnerabilities', mapping: { ...vulnMapping, columns: { ...vulnMapping.columns, caseLegacyId: undefined } }, source: 'x' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error).toMatchObject({ code: 'IMPORT_REQUIRED_COLUMN_MISSING', details: { fields: ['caseLegacyId'] } });
    const foreign = await call(manager, 'POST', '/api/imports/runs', { fileId, mode: 'dry_run', entity: 'vulnerabilities', mapping: { ...vulnMapping, columns: { ...vulnMapping.columns, givenName: 'notes' } }, source: 'x' });
    expect(foreign.json().error.code).toBe('IMPORT_MAPPING_INVALID');
  });
});
