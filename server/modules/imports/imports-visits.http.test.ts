import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp } from '../../test-support/harness.js';
import { runImport } from './index.js';
import { sql } from 'kysely';
import { openSealed } from '../../platform/person-keys.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-visits-'));
const csvDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-visits-csv-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager', 'monitoring_officer']);
const manager = team.users.office_manager.session;
const officer = team.users.monitoring_officer.session;
const jobDeps = { db, clock, dataDir };

const csv = (name: string, lines: string[]) => {
  const file = path.join(csvDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return readFileSync(file);
};
const persons = csv('persons.csv', [
  'family_id,person_id,role,first_name,last_name,status,destination,final_stage,registered',
  'F-1,P-1,principal,Ahmed,Hassan,asylum_rejected,IQ,closed,2019-02-01',
  'F-2,P-2,principal,Bahrom,Karimov,irregular_stay,UZ,closed,2019-10-10',
]);
const personMapping = {
  columns: {
    householdKey: 'family_id', legacyId: 'person_id', relationship: 'role', givenName: 'first_name', familyName: 'last_name',
    legalStatus: 'status', countryOfReturn: 'destination', stage: 'final_stage', registeredOn: 'registered',
  },
};
const mapping = {
  columns: {
    legacyId: 'visit_id', caseLegacyId: 'case_ref', visitedOn: 'date', visitMethod: 'how', visitOutcome: 'result', notReachedReason: 'why',
    compositeScore: 'rss', economicScore: 'econ', socialScore: 'social', psychosocialScore: 'psycho', visitNotes: 'notes',
  },
  values: {
    visitMethod: { VISIT: 'on_site', PHONE: 'phone' },
    visitOutcome: { OK: 'reached', NR: 'not_reached' },
    notReachedReason: { NOANS: 'no_answer' },
  },
  dateFormat: 'DD/MM/YYYY',
};
const visits = (econOfV1: string, notesOfV1 = 'Shop doing well') => csv('visits.csv', [
  'visit_id,case_ref,date,how,result,why,rss,econ,social,psycho,notes',
  `V-1,F-1,15/03/2020,VISIT,OK,,0.75,${econOfV1},0.7,0.75,${notesOfV1}`,
  'V-2,F-1,15/06/2020,PHONE,NR,NOANS,,,,,',
  'V-3,F-2,20/01/2021,VISIT,OK,,0.5,0.5,0.5,0.5,',
  'V-4,F-9,20/01/2021,VISIT,OK,,0.5,0.5,0.5,0.5,',
  'V-5,F-2,20/02/2021,VISIT,OK,,0.5,1.5,0.5,0.5,',
  'V-6,F-2,20/03/2021,VISIT,OK,,0.5,0.5,abc,0.5,',
  'V-7,F-1,15/09/2020,PHONE,NR,,,,,,',
  'V-8,F-1,15/12/2020,PHONE,NR,NOANS,,,,,',
]);

async function start(name: string, content: Buffer, mode: 'dry_run' | 'import', entity: 'households' | 'visits', m: object, source = 'vs') {
  const { payload, contentType } = multipartUpload({ name, content });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode, entity, mapping: m, source });
  expect(started.statusCode, started.body).toBe(201);
  const runId = started.json().id as string;
  expect(await runImport(runId, jobDeps)).toBe('done');
  return (await call(manager, 'GET', `/api/imports/runs/${runId}`)).json();
}
const stored = () => db.selectFrom('monitoring_visit as v').leftJoin('monitoring_imported_score as s', 's.visit_id', 'v.id')
  .select(['v.id', 'v.case_id', 'v.legacy_id', 'v.slot', 'v.status', 'v.method', 'v.visited_on', 'v.outcome', 'v.not_reached_reason', 'v.sensitive_notes',
    's.composite', 's.economic', 's.social', 's.psychosocial', 's.legacy_source'])
  .where('v.legacy_source', '=', 'vs').orderBy('v.legacy_id').execute();
const summary = async () => {
  const r = await call(officer, 'GET', '/api/monitoring/score-summary?groupBy=country');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('legacy import: a file of monitoring visits with the scores the old system gave', () => {
  it('imports visits with scores as imported history, rejects orphans and bad scores by column, is idempotent, and audits a change', async () => {
    await start('persons.csv', persons, 'import', 'households', personMapping);
    const f2 = await db.selectFrom('return_case').select(['id']).where('legacy_source', '=', 'vs').where('legacy_id', '=', 'F-2').executeTakeFirstOrThrow();
    const f1 = await db.selectFrom('return_case').select(['id']).where('legacy_source', '=', 'vs').where('legacy_id', '=', 'F-1').executeTakeFirstOrThrow();
    // A visit of F-2 scored by Homeward's built-in instrument: the programme's summary of that version.
    const version = await db.selectFrom('monitoring_instrument_version').select('id').where('status', '=', 'published').orderBy('number').executeTakeFirstOrThrow();
    await db.insertInto('monitoring_schedule').values({ case_id: f2.id, anchor: 'arrival', anchor_date: '2020-01-01', offsets_months: [3], source: 'default', updated_at: new Date() }).execute();
    const live = await db.insertInto('monitoring_visit').values({
      case_id: f2.id, slot: 1, offset_months: 3, planned_on: '2020-04-01', status: 'recorded', method: 'on_site', visited_on: '2020-04-01', outcome: 'reached',
      instrument_version_id: version.id, answers: JSON.stringify({}), recorded_at: new Date('2020-04-01T10:00:00Z'), updated_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    const result = {
      indicators: [], triggers: [], composite: '0.2500',
      dimensions: [{ key: 'economic', score: '0.2500', belowThreshold: true }, { key: 'social', score: '0.2500', belowThreshold: true }, { key: 'psychosocial', score: '0.2500', belowThreshold: true }],
    };
    await db.insertInto('monitoring_visit_score').values({ visit_id: live.id, instrument_version_id: version.id, result: JSON.stringify(result), composite: '0.2500' }).execute();
    const beforeImport = await summary();
    expect(beforeImport.total).toBe(1);

    const dry = await start('visits.csv', visits('0.8'), 'dry_run', 'visits', mapping);
    expect(dry).toMatchObject({ entity: 'visits', rowsTotal: 8, created: 5, rejected: 3 });
    expect(await stored()).toEqual([]);
    const rejected = (await call(manager, 'GET', `/api/imports/runs/${dry.id}/report?outcome=rejected`)).json().items;
    expect(rejected.map((r: { line: number; reason: string; column: string }) => [r.line, r.reason, r.column])).toEqual([
      [5, 'case_not_found', 'case_ref'],
      [6, 'score_out_of_range', 'econ'],
      [7, 'score_malformed', 'social'],
    ]);

    const first = await start('visits.csv', visits('0.8'), 'import', 'visits', mapping);
    expect(first).toMatchObject({ created: 5, rejected: 3 });
    const rows = await stored();
    expect(rows.map((r) => [r.legacy_id, r.slot, r.status, r.method, r.visited_on, r.outcome, r.not_reached_reason, r.composite, r.economic, r.social, r.psychosocial])).toEqual([
      ['V-1', 0, 'recorded', 'on_site', '2020-03-15', 'reached', null, '0.7500', '0.8000', '0.7000', '0.7500'],
      ['V-2', 0, 'recorded', 'phone', '2020-06-15', 'not_reached', 'no_answer', null, null, null, null],
      ['V-3', 0, 'recorded', 'on_site', '2021-01-20', 'reached', null, '0.5000', '0.5000', '0.5000', '0.5000'],
      ['V-7', 0, 'recorded', 'phone', '2020-09-15', 'not_reached', 'other', null, null, null, null],
      ['V-8', 0, 'recorded', 'phone', '2020-12-15', 'not_reached', 'no_answer', null, null, null, null],
    ]);
    // The notes are sealed for the case's principal applicant as the import writes them, never stored in clear.
    const principal = await db.selectFrom('return_case').select('principal_person_id').where('id', '=', f1.id).executeTakeFirstOrThrow();
    expect(rows[0]!.sensitive_notes).toMatch(new RegExp(`^p1\\.${principal.principal_person_id}\\.`));
    expect(rows[0]!.sensitive_notes).not.toContain('Shop');
    expect(await openSealed(db, rows[0]!.sensitive_notes, principal.principal_person_id)).toBe('Shop doing well');
    const dump = await sql<{ row: string }>`SELECT v::text AS row FROM monitoring_visit v`.execute(db);
    expect(dump.rows.filter((r) => r.row.includes('Shop doing well'))).toEqual([]);
    // Three not reached in a row: F-1 is lost to follow-up, as after live visits, on the day of the third.
    const s1 = await db.selectFrom('monitoring_schedule').selectAll().where('case_id', '=', f1.id).executeTakeFirstOrThrow();
    expect(s1.source).toBe('imported');
    expect(s1.lost_to_follow_up_at?.toISOString().slice(0, 10)).toBe('2020-12-15');
    expect(await db.selectFrom('audit_event').select('id').where('event', '=', 'monitoring.case.lost_to_follow_up').where('case_id', '=', f1.id).execute()).toHaveLength(1);

    // The case's monitoring shows the imported history with its scores as given.
    const tab = await call(officer, 'GET', `/api/cases/${f1.id}/monitoring`);
    expect(tab.statusCode, tab.body).toBe(200);
    const v1 = tab.json().visits.find((v: { visitedOn: string }) => v.visitedOn === '2020-03-15');
    expect(v1).toMatchObject({
      legacySource: 'vs', outcome: 'reached', scores: [], sensitiveNotes: 'Shop doing well',
      importedScore: { source: 'vs', composite: '0.7500', dimensions: [{ key: 'economic', score: '0.8000' }, { key: 'social', score: '0.7000' }, { key: 'psychosocial', score: '0.7500' }] },
    });
    expect(tab.json()).toMatchObject({ source: 'imported', lostToFollowUpAt: expect.any(String) });
    // The programme's summary of the instrument's version is the same; imported scores are counted apart.
    const afterImport = await summary();
    expect({ ...afterImport, imported: undefined }).toEqual({ ...beforeImport, imported: undefined });
    expect(afterImport.imported).toMatchObject({ sources: ['vs'], total: 2 });
    const iq = afterImport.imported.groups.find((g: { key: string }) => g.key === 'IQ');
    expect(iq).toMatchObject({ count: 1, composite: { mean: '0.7500' } });

    const again = await start('visits.csv', visits('0.8'), 'import', 'visits', mapping);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5, rejected: 3 });
    expect(await stored()).toHaveLength(5);

    const changed = await start('visits.csv', visits('0.9'), 'import', 'visits', mapping);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const v1row = (await stored()).find((r) => r.legacy_id === 'V-1')!;
    expect(v1row.economic).toBe('0.9000');
    const ev = await db.selectFrom('audit_event').select(['before', 'after', 'case_id']).where('event', '=', 'import.visit_updated').where('entity_id', '=', v1row.id).execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ before: { economic: 0.8, outcome: 'reached' }, after: { economic: 0.9 }, case_id: f1.id });

    // Changed notes update the visit, sealed again; the same file once more changes nothing.
    const renoted = await start('visits.csv', visits('0.9', 'Shop closed'), 'import', 'visits', mapping);
    expect(renoted).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
    const v1renoted = (await stored()).find((r) => r.legacy_id === 'V-1')!;
    expect(v1renoted.sensitive_notes).toMatch(/^p1\./);
    expect(await openSealed(db, v1renoted.sensitive_notes)).toBe('Shop closed');
    expect(await start('visits.csv', visits('0.9', 'Shop closed'), 'import', 'visits', mapping)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('groups the imported history by the quarter of the arrival day the person file gave', async () => {
    const withArrival = csv('persons-arrived.csv', [
      'family_id,person_id,role,first_name,last_name,status,destination,final_stage,registered,arrived',
      'F-1,P-1,principal,Ahmed,Hassan,asylum_rejected,IQ,closed,2019-02-01,2019-05-16',
      'F-2,P-2,principal,Bahrom,Karimov,irregular_stay,UZ,closed,2019-10-10,',
    ]);
    await start('persons-arrived.csv', withArrival, 'import', 'households', { columns: { ...personMapping.columns, arrivedOn: 'arrived' } }, 'vs-cohort');
    await start('visits.csv', visits('0.8'), 'import', 'visits', mapping, 'vs-cohort');
    const r = await call(officer, 'GET', '/api/monitoring/score-summary?groupBy=cohort');
    expect(r.statusCode, r.body).toBe(200);
    const f1 = await db.selectFrom('return_case').select('id').where('legacy_source', '=', 'vs-cohort').where('legacy_id', '=', 'F-1').executeTakeFirstOrThrow();
    // The visits' schedule counts from the arrival day (without one, from the first visit: F-2's of 20 January 2021).
    expect(await db.selectFrom('monitoring_schedule').select(['anchor', 'anchor_date']).where('case_id', '=', f1.id).executeTakeFirstOrThrow())
      .toEqual({ anchor: 'arrival', anchor_date: '2019-05-16' });
    const groups = r.json().imported.groups.filter((g: { key: string | null }) => ['2019-Q2', '2021-Q1'].includes(g.key ?? ''));
    expect(groups.map((g: { key: string | null; count: number }) => [g.key, g.count])).toEqual([['2019-Q2', 1], ['2021-Q1', 1]]);
  });
});
