import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp } from '../../test-support/harness.js';
import { runImport } from './index.js';
import { documentNumberIndex } from '../cases/index.js';
import { sql } from 'kysely';
import { isSealed, openSealed } from '../../platform/person-keys.js';

// The person file's case details: the project by its code, the admission date of a post-arrival
// case (what the statistics count it on), and one identity document per person.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-details-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager']);
const manager = team.users.office_manager.session;
const jobDeps = { db, clock, dataDir };
const office = await db.selectFrom('office').select(['organisation_id']).where('id', '=', team.office.id).executeTakeFirstOrThrow();
await db.insertInto('project').values({
  organisation_id: office.organisation_id, code: 'REINT-2019', name: 'Reintegration 2019', starts_on: '2019-01-01', ends_on: '2021-12-31', currency: 'EUR',
  host_countries: [], return_countries: ['AF'],
}).execute();
const project = await db.selectFrom('project').select('id').where('code', '=', 'REINT-2019').executeTakeFirstOrThrow();

const mapping = {
  columns: {
    householdKey: 'family', legacyId: 'person', relationship: 'role', givenName: 'given', familyName: 'family_name', birthDate: 'dob',
    legalStatus: 'status', countryOfReturn: 'to', kind: 'kind', stage: 'stage', registeredOn: 'registered', departedOn: 'departed',
    admittedOn: 'admitted', projectCode: 'project', documentType: 'doc_type', documentNumber: 'doc_no', documentCountry: 'doc_country',
  },
  values: { projectCode: { R19: 'REINT-2019' }, documentType: { PP: 'passport', ID: 'national_id' }, kind: { PA: 'post_arrival', VR: 'voluntary_return' } },
  dateFormat: 'YYYY-MM-DD',
};
const HEADER = 'family,person,role,given,family_name,dob,status,to,kind,stage,registered,departed,admitted,project,doc_type,doc_no,doc_country';
const FILE = [
  HEADER,
  // A person returned by a government, admitted on 2019-05-02, in reintegration.
  'H1,P1,principal,Ahmad,Karimi,1985-02-03,irregular_stay,AF,PA,reintegration,2019-05-10,,2019-05-02,R19,PP,P 123-456,AF',
  'H1,P2,spouse,Zahra,Karimi,1987-07-01,irregular_stay,AF,PA,reintegration,2019-05-10,,,,ID,AF-99887,AF',
  // A voluntary return with the project and no document.
  'H2,P3,principal,Ali,Rezaei,1990-01-01,asylum_rejected,AF,VR,closed,2019-01-10,2019-03-01,,R19,,,',
  // An admission date on a voluntary return: refused, naming the column.
  'H3,P4,principal,Omid,Sadeghi,1991-01-01,asylum_rejected,AF,VR,closed,2019-01-10,2019-03-01,2019-03-05,,,,',
  // A project code no project has: the principal's row, and so the household, is refused.
  'H4,P5,principal,Reza,Ahmadi,1992-01-01,asylum_rejected,AF,VR,closed,2019-01-10,2019-03-01,,NOPE,,,',
  'H4,P6,child,Sara,Ahmadi,2015-01-01,asylum_rejected,AF,VR,closed,2019-01-10,2019-03-01,,,,,',
  // A document number without its type.
  'H5,P7,principal,Nasrin,Hosseini,1993-01-01,asylum_rejected,AF,VR,closed,2019-01-10,2019-03-01,,,,X-1,',
].join('\n');

async function runFile(content: string, mode: 'dry_run' | 'import', source: string) {
  const { payload, contentType } = multipartUpload({ name: 'people.csv', content: Buffer.from(content) });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode, mapping, source });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().id as string;
  expect(await runImport(id, jobDeps)).toBe('done');
  return { id, run: (await call(manager, 'GET', `/api/imports/runs/${id}`)).json() };
}
const caseOf = (source: string, key: string) => db.selectFrom('return_case').selectAll().where('legacy_source', '=', source).where('legacy_id', '=', key).executeTakeFirstOrThrow();
// The documents as stored, the number opened: `sealed` says the stored number was sealed for the person.
const documentsOf = async (source: string, legacyId: string) => Promise.all((await db.selectFrom('identity_document as d').innerJoin('person as p', 'p.id', 'd.person_id')
  .select(['d.type', 'd.number', 'd.number_norm', 'd.issuing_country', 'd.legacy_source', 'd.person_id']).where('p.legacy_source', '=', source).where('p.legacy_id', '=', legacyId).execute())
  .map(async ({ person_id, ...d }) => ({ ...d, sealed: isSealed(d.number), number: await openSealed(db, d.number, person_id) })));

describe('legacy import: project, admission date and documents', () => {
  it('rejects what does not fit, naming the column, and writes nothing in a dry run', async () => {
    const { id, run } = await runFile(FILE, 'dry_run', 'details-dry');
    expect(run).toMatchObject({ created: 3, rejected: 4 });
    const rejected = (await call(manager, 'GET', `/api/imports/runs/${id}/report?outcome=rejected`)).json().items;
    expect(rejected.map((r: { legacyId: string; reason: string; column: string }) => [r.legacyId, r.reason, r.column])).toEqual([
      ['P4', 'not_applicable', 'admitted'],
      ['P5', 'project_unknown', 'project'],
      ['P6', 'household_principal', 'role'],
      ['P7', 'required', 'doc_type'],
    ]);
    expect(await db.selectFrom('return_case').select('id').where('legacy_source', '=', 'details-dry').execute()).toEqual([]);
  });

  it('writes the project, the admission date and the documents; the post-arrival case is counted on its admission date', async () => {
    const { run } = await runFile(FILE, 'import', 'details-a');
    expect(run).toMatchObject({ created: 3, rejected: 4 });
    const h1 = await caseOf('details-a', 'H1');
    expect(h1).toMatchObject({ kind: 'post_arrival', stage: 'reintegration', admission_date: '2019-05-02', project_id: project.id, departed_on: null });
    expect(await caseOf('details-a', 'H2')).toMatchObject({ kind: 'voluntary_return', admission_date: null, project_id: project.id, departed_on: '2019-03-01' });
    expect(await documentsOf('details-a', 'P1')).toEqual([{ type: 'passport', number: 'P 123-456', sealed: true, number_norm: documentNumberIndex('P123456'), issuing_country: 'AF', legacy_source: 'details-a' }]);
    expect(await documentsOf('details-a', 'P2')).toMatchObject([{ type: 'national_id', sealed: true, number_norm: documentNumberIndex('AF-99887') }]);
    expect(await documentsOf('details-a', 'P3')).toEqual([]);
    // The statistics count the post-arrival household in the month it was admitted, with its project.
    const fact = await db.selectFrom('stat_case_fact').selectAll().where('case_id', '=', h1.id).execute();
    expect(fact).toMatchObject([{ year: 2019, month: 5, kind: 'post_arrival', project_id: project.id, returnees: 2 }]);
    // The case is found by its document number.
    const found = (await call(manager, 'POST', '/api/cases/search', { q: 'P123456' })).json();
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([h1.id]);
  });

  it('a second import of the file changes nothing; a changed project, date or document is updated and audited with before and after', async () => {
    await runFile(FILE, 'import', 'details-b');
    const again = await runFile(FILE, 'import', 'details-b');
    expect(again.run).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 4 });
    expect(await documentsOf('details-b', 'P1')).toHaveLength(1);

    const changed = FILE
      .replace('2019-05-10,,2019-05-02,R19,PP,P 123-456,AF', '2019-05-10,,2019-04-28,,PP,P 123-457,AF');
    const h1Before = await caseOf('details-b', 'H1');
    const third = await runFile(changed, 'import', 'details-b');
    expect(third.run).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const h1 = await caseOf('details-b', 'H1');
    expect(h1).toMatchObject({ admission_date: '2019-04-28', project_id: null, version: h1Before.version + 1 });
    expect(await documentsOf('details-b', 'P1')).toMatchObject([{ number: 'P 123-457', sealed: true, number_norm: documentNumberIndex('P123457') }]);
    const caseEvents = await db.selectFrom('audit_event').select(['before', 'after', 'case_id']).where('event', '=', 'import.case_updated').where('entity_id', '=', h1.id).execute();
    expect(caseEvents).toHaveLength(1);
    expect(caseEvents[0]).toMatchObject({ case_id: h1.id, before: { admissionDate: '2019-05-02', projectId: project.id }, after: { admissionDate: '2019-04-28', projectId: null } });
    const p1 = await db.selectFrom('person').select('id').where('legacy_source', '=', 'details-b').where('legacy_id', '=', 'P1').executeTakeFirstOrThrow();
    const personEvents = await db.selectFrom('audit_event').select(['before', 'after', 'case_id']).where('event', '=', 'import.person_updated').where('entity_id', '=', p1.id).execute();
    // The trail holds the numbers masked to their last three characters, as an edit through the API records them.
    expect(personEvents).toHaveLength(1);
    // The entry is the case's: read within its scope and field rules, like an edit's.
    expect(personEvents[0]!.case_id).toBe(h1.id);
    expect(personEvents[0]).toMatchObject({ before: { document: { number: '••••456' } }, after: { document: { number: '••••457' } } });
    // A dump of the trail holds neither number, in clear or sealed.
    const dump = await sql<{ row: string }>`SELECT a::text AS row FROM audit_event a`.execute(db);
    for (const n of ['P 123-456', 'P 123-457', 'P123456', 'P123457']) expect(dump.rows.filter((r) => r.row.includes(n))).toEqual([]);
    // The names and the date of birth are sealed for the person, as an edit records them; the reader of the trail reads them opened.
    expect(dump.rows.filter((r) => r.row.includes('import.person_updated') && /Karimi|1985-02-03/.test(r.row))).toEqual([]);
    expect(personEvents[0]!.before).toMatchObject({ givenName: expect.stringMatching(new RegExp(`^p1\\.${p1.id}\\.`)) });
    const trail = await call(manager, 'POST', '/api/admin/audit/search', { event: 'import.person_updated', entityId: p1.id, pageSize: 200 });
    expect(trail.statusCode, trail.body).toBe(200);
    const entry = (trail.json().items as { entityId: string; before: unknown; after: unknown }[]).find((i) => i.entityId === p1.id);
    expect(entry).toMatchObject({ before: { givenName: 'Ahmad', familyName: 'Karimi', birthDate: '1985-02-03', document: { number: '••••456' } }, after: { familyName: 'Karimi' } });

    // A corrected departure day is an update of the case too, audited, never left unchanged in silence.
    const h2Before = await caseOf('details-b', 'H2');
    const departed = await runFile(changed.replace('2019-01-10,2019-03-01,,R19,,,', '2019-01-10,2019-03-04,,R19,,,'), 'import', 'details-b');
    expect(departed.run).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const h2 = await caseOf('details-b', 'H2');
    expect(h2).toMatchObject({ departed_on: '2019-03-04', version: h2Before.version + 1 });
    const h2Events = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'import.case_updated').where('entity_id', '=', h2.id).execute();
    expect(h2Events).toMatchObject([{ before: { departedOn: '2019-03-01' }, after: { departedOn: '2019-03-04' } }]);
  });

  it('a file without the columns leaves the project, admission date and documents as Homeward holds them', async () => {
    await runFile(FILE, 'import', 'details-c');
    const { projectCode: _p, admittedOn: _a, documentType: _t, documentNumber: _n, documentCountry: _c, ...columns } = mapping.columns;
    const narrower = { ...mapping, columns };
    const { payload, contentType } = multipartUpload({ name: 'people.csv', content: Buffer.from(FILE) });
    const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
    const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'import', mapping: narrower, source: 'details-c' });
    expect(started.statusCode, started.body).toBe(201);
    expect(await runImport(started.json().id, jobDeps)).toBe('done');
    // P4 (admission date on a voluntary return), P5 and P7 are accepted without those columns.
    expect((await call(manager, 'GET', `/api/imports/runs/${started.json().id}`)).json()).toMatchObject({ created: 4, unchanged: 3, updated: 0 });
    expect(await caseOf('details-c', 'H1')).toMatchObject({ admission_date: '2019-05-02', project_id: project.id });
    expect(await documentsOf('details-c', 'P1')).toHaveLength(1);
  });
});
