import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp } from '../../test-support/harness.js';
import { runImport } from './index.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-comp-'));
const csvDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-comp-csv-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager']);
const manager = team.users.office_manager.session;
const jobDeps = { db, clock, dataDir };

const csv = (name: string, lines: string[]) => {
  const file = path.join(csvDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return readFileSync(file);
};
const persons = csv('persons.csv', [
  'family_id,person_id,role,first_name,last_name,status,destination,final_stage,registered',
  'F-1,P-1,principal,Ahmed,Hassan,asylum_rejected,IQ,closed,2019-02-01',
  'F-2,P-2,principal,Bahrom,Karimov,irregular_stay,UZ,closed,2021-10-10',
]);
const personMapping = {
  columns: {
    householdKey: 'family_id', legacyId: 'person_id', relationship: 'role', givenName: 'first_name', familyName: 'last_name',
    legalStatus: 'status', countryOfReturn: 'destination', stage: 'final_stage', registeredOn: 'registered',
  },
};
const mapping = {
  columns: {
    legacyId: 'comp_id', caseLegacyId: 'case_ref', componentType: 'kind', description: 'what', amount: 'amount', currency: 'cur',
    startsOn: 'from', endsOn: 'to', componentStatus: 'state',
  },
  values: { componentType: { CASH: 'cash_allowance', BIZ: 'business_setup' }, componentStatus: { DONE: 'delivered', CANC: 'cancelled' } },
  dateFormat: 'DD/MM/YYYY',
};
const components = (amountOfC1: string) => csv('components.csv', [
  'comp_id,case_ref,kind,what,amount,cur,from,to,state',
  `C-1,F-1,CASH,Arrival cash,${amountOfC1},EUR,01/12/2019,01/12/2019,DONE`,
  'C-2,F-1,BIZ,,50000.125,IQD,01/01/2020,30/06/2020,DONE',
  'C-3,F-2,CASH,Cash,1000,JPY,01/01/2022,,CANC',
  'C-4,F-9,CASH,Cash,10,EUR,01/01/2022,,DONE',
  'C-5,F-2,CASH,Cash,10.123,EUR,01/01/2022,,DONE',
  'C-6,F-2,CASH,Cash,10,EURO,01/01/2022,,DONE',
  'C-7,F-2,CASH,Cash,ten,EUR,01/01/2022,,DONE',
  'C-8,F-2,CASH,Cash,-5,EUR,01/01/2022,,DONE',
]);

async function start(name: string, content: Buffer, mode: 'dry_run' | 'import', entity: 'households' | 'components', m: object) {
  const { payload, contentType } = multipartUpload({ name, content });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode, entity, mapping: m, source: 'cs' });
  expect(started.statusCode, started.body).toBe(201);
  const runId = started.json().id as string;
  expect(await runImport(runId, jobDeps)).toBe('done');
  return (await call(manager, 'GET', `/api/imports/runs/${runId}`)).json();
}
const stored = () => db.selectFrom('reintegration_component as k').innerJoin('reintegration_plan_version as v', 'v.id', 'k.version_id')
  .select(['k.id', 'k.legacy_id', 'k.legacy_source', 'k.type', 'k.description', 'k.amount_minor', 'k.currency', 'k.starts_on', 'k.ends_on', 'k.status',
    'k.cancel_reason', 'k.case_id', 'v.status as version_status', 'v.legacy_source as version_source'])
  .where('k.legacy_source', '=', 'cs').orderBy('k.legacy_id').execute();

describe('legacy import: a file of reintegration components linked by case legacy ids', () => {
  it('converts amounts with the currency exponent, rejects bad amounts, currencies and orphans by column, and a re-import creates nothing twice', async () => {
    await start('persons.csv', persons, 'import', 'households', personMapping);
    const dry = await start('components.csv', components('350.50'), 'dry_run', 'components', mapping);
    expect(dry).toMatchObject({ entity: 'components', rowsTotal: 8, created: 3, rejected: 5 });
    expect(await stored()).toEqual([]);
    expect(await db.selectFrom('reintegration_plan_version').select('id').where('legacy_source', '=', 'cs').execute()).toEqual([]);
    const rejected = (await call(manager, 'GET', `/api/imports/runs/${dry.id}/report?outcome=rejected`)).json().items;
    expect(rejected.map((r: { line: number; reason: string; column: string }) => [r.line, r.reason, r.column])).toEqual([
      [5, 'case_not_found', 'case_ref'],
      [6, 'amount_too_precise', 'amount'],
      [7, 'currency_unknown', 'cur'],
      [8, 'amount_malformed', 'amount'],
      [9, 'amount_negative', 'amount'],
    ]);

    const first = await start('components.csv', components('350.50'), 'import', 'components', mapping);
    expect(first).toMatchObject({ created: 3, rejected: 5 });
    const rows = await stored();
    expect(rows.map((r) => [r.legacy_id, r.type, r.amount_minor, r.currency, r.starts_on, r.ends_on, r.status, r.version_status, r.version_source])).toEqual([
      ['C-1', 'cash_allowance', 35050, 'EUR', '2019-12-01', '2019-12-01', 'delivered', 'approved', 'cs'],
      ['C-2', 'business_setup', 50000125, 'IQD', '2020-01-01', '2020-06-30', 'delivered', 'approved', 'cs'],
      ['C-3', 'cash_allowance', 1000, 'JPY', '2022-01-01', '2022-01-01', 'cancelled', 'approved', 'cs'],
    ]);
    expect(rows[1]!.description).toBe('imported from cs');
    expect(rows[2]!.cancel_reason).toBe('imported from cs');
    // One imported plan version per case.
    expect(await db.selectFrom('reintegration_plan_version').select('case_id').where('legacy_source', '=', 'cs').execute()).toHaveLength(2);

    const again = await start('components.csv', components('350.50'), 'import', 'components', mapping);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 5 });
    expect(await stored()).toHaveLength(3);

    const changed = await start('components.csv', components('400'), 'import', 'components', mapping);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const c1 = (await stored()).find((r) => r.legacy_id === 'C-1')!;
    expect(c1.amount_minor).toBe(40000);
    const ev = await db.selectFrom('audit_event').select(['before', 'after', 'case_id']).where('event', '=', 'import.component_updated').where('entity_id', '=', c1.id).execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ before: { amountMinor: 35050, currency: 'EUR' }, after: { amountMinor: 40000 }, case_id: c1.case_id });
  });
});
