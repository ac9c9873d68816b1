import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp } from '../../test-support/harness.js';
import { runImport } from './index.js';

// The approval day of a legacy case (`approvedOn`): validated, kept on the case beside its
// departure day, shown on the case view, re-imported idempotently and audited when corrected.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-approval-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager', 'caseworker']);
const manager = team.users.office_manager.session;
const caseworker = team.users.caseworker.session;
const jobDeps = { db, clock, dataDir };

const mapping = {
  columns: {
    householdKey: 'family', legacyId: 'person', relationship: 'role', givenName: 'given', familyName: 'family_name', birthDate: 'dob',
    legalStatus: 'status', countryOfReturn: 'to', kind: 'kind', stage: 'stage', registeredOn: 'registered', approvedOn: 'approved',
    departedOn: 'departed', admittedOn: 'admitted',
  },
  values: { kind: { PA: 'post_arrival', VR: 'voluntary_return' } },
  dateFormat: 'YYYY-MM-DD',
};
const HEADER = 'family,person,role,given,family_name,dob,status,to,kind,stage,registered,approved,departed,admitted';
const FILE = [
  HEADER,
  // Approved, then departed: both days kept; the final stage is at the latest.
  'A1,Q1,principal,Farid,Nazari,1984-02-03,asylum_rejected,AF,VR,departed,2019-01-10,2019-02-14,2019-03-01,',
  'A1,Q2,child,Mina,Nazari,2012-07-01,asylum_rejected,AF,VR,departed,2019-01-10,2019-02-14,2019-03-01,',
  // Approved and not yet travelled: the approval is the case's latest day.
  'A2,Q3,principal,Hamid,Jafari,1990-01-01,irregular_stay,AF,VR,approved,2019-05-02,2019-06-20,,',
  // No approval day: none kept.
  'A3,Q4,principal,Laleh,Amini,1991-01-01,irregular_stay,AF,VR,counselling,2019-05-02,,,',
  // A post-arrival case has no application to approve.
  'A4,Q5,principal,Karim,Rahimi,1980-01-01,irregular_stay,AF,PA,reintegration,2019-05-10,2019-05-11,,2019-05-02',
  // Approved before it was registered.
  'A5,Q6,principal,Soraya,Hashemi,1985-01-01,asylum_rejected,AF,VR,approved,2019-05-10,2019-05-09,,',
].join('\n');

async function upload(content: string) {
  const { payload, contentType } = multipartUpload({ name: 'people.csv', content: Buffer.from(content) });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  return up.json().id as string;
}
async function runFile(content: string, mode: 'dry_run' | 'import', source: string, runMapping: object = mapping) {
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: await upload(content), mode, mapping: runMapping, source });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().id as string;
  expect(await runImport(id, jobDeps)).toBe('done');
  return { id, run: (await call(manager, 'GET', `/api/imports/runs/${id}`)).json() };
}
const caseOf = (source: string, key: string) => db.selectFrom('return_case').selectAll().where('legacy_source', '=', source).where('legacy_id', '=', key).executeTakeFirstOrThrow();

describe('legacy import: the approval day and the provenance on the case view', () => {
  it('refuses an approval day on a post-arrival case or before the registration, naming the column, and writes nothing in a dry run', async () => {
    const { id, run } = await runFile(FILE, 'dry_run', 'approval-dry');
    expect(run).toMatchObject({ created: 4, rejected: 2 });
    const rejected = (await call(manager, 'GET', `/api/imports/runs/${id}/report?outcome=rejected`)).json().items;
    expect(rejected.map((r: { legacyId: string; reason: string; column: string }) => [r.legacyId, r.reason, r.column])).toEqual([
      ['Q5', 'approval_not_applicable', 'approved'],
      ['Q6', 'approved_before_registration', 'approved'],
    ]);
    expect(await db.selectFrom('return_case').select('id').where('legacy_source', '=', 'approval-dry').execute()).toEqual([]);
  });

  it('keeps the approval and departure days on the case, and the case view shows them', async () => {
    await runFile(FILE, 'import', 'approval-a');
    const a1 = await caseOf('approval-a', 'A1');
    expect(a1).toMatchObject({ stage: 'departed', approved_on: '2019-02-14', departed_on: '2019-03-01' });
    expect(a1.stage_changed_at.toISOString().slice(0, 10)).toBe('2019-03-01');
    const a2 = await caseOf('approval-a', 'A2');
    expect(a2).toMatchObject({ stage: 'approved', approved_on: '2019-06-20', departed_on: null });
    // The final stage is dated by the latest of the file's days: here the approval.
    expect(a2.stage_changed_at.toISOString().slice(0, 10)).toBe('2019-06-20');
    expect(await caseOf('approval-a', 'A3')).toMatchObject({ approved_on: null, departed_on: null });

    const view = await call(caseworker, 'GET', `/api/cases/${a1.id}`);
    expect(view.statusCode, view.body).toBe(200);
    // With its provenance: the source and the household's key there.
    expect(view.json()).toMatchObject({ approvedOn: '2019-02-14', departedOn: '2019-03-01', importedFrom: { source: 'approval-a', legacyId: 'A1' } });
    // And each member's: the person's id in the old system.
    expect(view.json().members.map((m: { person: { importedFrom: unknown } }) => m.person.importedFrom)).toEqual([
      { source: 'approval-a', legacyId: 'Q1' }, { source: 'approval-a', legacyId: 'Q2' },
    ]);
    expect((await call(caseworker, 'GET', `/api/cases/${a2.id}`)).json()).toMatchObject({ approvedOn: '2019-06-20', departedOn: null });
  });

  it('the same file again is unchanged; a corrected approval day updates the case, audited; a file without the column leaves it', async () => {
    await runFile(FILE, 'import', 'approval-b');
    expect((await runFile(FILE, 'import', 'approval-b')).run).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 2 });

    const corrected = FILE.replace('2019-01-10,2019-02-14,2019-03-01,', '2019-01-10,2019-02-16,2019-03-01,');
    // The dry run says so first, and changes nothing.
    expect((await runFile(corrected, 'dry_run', 'approval-b')).run).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect(await caseOf('approval-b', 'A1')).toMatchObject({ approved_on: '2019-02-14' });
    const before = await caseOf('approval-b', 'A1');
    expect((await runFile(corrected, 'import', 'approval-b')).run).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    const a1 = await caseOf('approval-b', 'A1');
    expect(a1).toMatchObject({ approved_on: '2019-02-16', departed_on: '2019-03-01', version: before.version + 1 });
    const events = await db.selectFrom('audit_event').select(['before', 'after', 'case_id']).where('event', '=', 'import.case_updated').where('entity_id', '=', a1.id).execute();
    expect(events).toMatchObject([{ case_id: a1.id, before: { approvedOn: '2019-02-14' }, after: { approvedOn: '2019-02-16' } }]);

    // Without the column the approval day Homeward holds stays, and nothing is reported as changed.
    const { approvedOn: _a, ...columns } = mapping.columns;
    // (The file without its twelfth column.)
    // A2's legal status is corrected in it.
    const narrower = FILE.replace(/^([^,]*,){11}[^,]*,/gm, (m) => m.replace(/,[^,]*,$/, ','))
      .replace('Hamid,Jafari,1990-01-01,irregular_stay', 'Hamid,Jafari,1990-01-01,asylum_rejected');
    expect(narrower.split('\n')[0]).toBe(HEADER.replace(',approved', ''));
    const without = await runFile(narrower, 'import', 'approval-b', { ...mapping, columns });
    // The households refused for their approval day are accepted without it.
    expect(without.run).toMatchObject({ created: 2, updated: 1, unchanged: 3, rejected: 0 });
    expect(await caseOf('approval-b', 'A1')).toMatchObject({ approved_on: '2019-02-16' });
    // The approved case keeps its approval, and its stage's day with it, though the file's latest day is its registration.
    const a2 = await caseOf('approval-b', 'A2');
    expect(a2).toMatchObject({ stage: 'approved', legal_status: 'asylum_rejected', approved_on: '2019-06-20' });
    expect(a2.stage_changed_at.toISOString().slice(0, 10)).toBe('2019-06-20');
  });
});
