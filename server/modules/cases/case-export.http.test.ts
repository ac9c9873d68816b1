import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ERASED_VALUE } from '../../../shared/crypto.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { purgeCaseExports, runCaseExport } from './index.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-case-export-'));
const t = await testApp({ config: { dataDir } });
const { call, officeWith, db, clock, fx, login } = t;
// Pages of two rows: the keyset crosses page boundaries with a handful of cases.
const jobDeps = { db, clock, dataDir, pageSize: 2 };

const a = await officeWith(['caseworker', 'office_manager', 'me_officer']);
const b = await officeWith(['caseworker']);
const worker = a.users.caseworker.session;
const manager = a.users.office_manager.session;

async function register(s: Session, principal: Record<string, unknown> = {}) {
  const base = householdInput();
  const res = await call(s, 'POST', '/api/cases', householdInput({ principal: { ...base.principal, documents: [], ...principal } }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; caseNumber: string };
}

const plain = await register(worker, { givenName: 'Amina', familyName: 'Rahimi' });
const formula = await register(worker, { givenName: '=HYPERLINK("http://x")', familyName: 'Karimi' });
const third = await register(worker, { givenName: 'Omid', familyName: 'Nazari' });
const restricted = await register(manager, { givenName: 'Leyla', familyName: 'Hidden' });
await db.updateTable('return_case').set({ restricted: true }).where('id', '=', restricted.id).execute();
const elsewhere = await register(b.users.caseworker.session, { givenName: 'Other', familyName: 'Office' });

async function exportOf(s: Session, body: Record<string, unknown>) {
  const res = await call(s, 'POST', '/api/cases/exports', body);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  expect(await runCaseExport(id, jobDeps)).toBe('done');
  return id;
}
const download = (s: Session, id: string) => call(s, 'GET', `/api/cases/exports/${id}/file`);

describe('exports of the case list', () => {
  it('refuses a role that may not read cases', async () => {
    const res = await call(a.users.me_officer.session, 'POST', '/api/cases/exports', { format: 'csv', filter: {} });
    expect(res.statusCode).toBe(403);
    expect((await call(a.users.me_officer.session, 'GET', '/api/cases/exports')).statusCode).toBe(403);
  });

  it('refuses a bad body with a code', async () => {
    const res = await call(worker, 'POST', '/api/cases/exports', { format: 'pdf', filter: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBeTruthy();
  });

  it('writes the requester’s scope only, in pages, neutralising formulas, without columns they may not see', async () => {
    const id = await exportOf(worker, { format: 'csv', filter: { sort: 'caseNumber', page: 3, pageSize: 1 } });
    const status = (await call(worker, 'GET', `/api/cases/exports/${id}`)).json();
    expect(status).toMatchObject({ status: 'done', rowsDone: 3, rowsTotal: 3, format: 'csv' });
    const res = await download(worker, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = res.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0].split(',')).toEqual(expect.arrayContaining(['Case number', 'Principal applicant', 'Legal status', 'Household size', 'Registered on', 'Approved on', 'Departed on']));
    // A caseworker does not hold case.health: the medical column is absent, not blank.
    expect(lines[0]).not.toContain('Medical vulnerabilities');
    expect(lines).toHaveLength(4);
    expect(text).toContain(plain.caseNumber);
    expect(text).toContain(third.caseNumber);
    expect(text).not.toContain(restricted.caseNumber);
    expect(text).not.toContain(elsewhere.caseNumber);
    expect(text).not.toContain('Hidden');
    expect(text).toContain('"\'=HYPERLINK(""http://x"") Karimi"');
    expect(text).toContain('محمد الحسن');
  });

  it('gives a supervisor the restricted cases they may open, the medical column and a neutralised workbook', async () => {
    const id = await exportOf(manager, { format: 'xlsx', filter: { q: undefined } });
    const res = await download(manager, id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toContain('Medical vulnerabilities');
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining([restricted.caseNumber, formula.caseNumber]));
    expect(rows.map((r) => r[0])).not.toContain(elsewhere.caseNumber);
    expect(rows.flat()).toContain('\'=HYPERLINK("http://x") Karimi');
  });

  it('names an erased principal "Erased person" in the requester\'s language, never the stored marker', async () => {
    const c = await officeWith(['caseworker']);
    const cw = c.users.caseworker.session;
    const dpoUser = await fx.user({ roles: ['data_protection_officer'], organisationId: c.organisationId, officeId: null });
    const dpo = await login(dpoUser.email, dpoUser.password);
    const gone = await register(cw, { givenName: 'Farida', familyName: 'Sultani' });
    const kept = await register(cw, { givenName: 'Karim', familyName: 'Mansour' });
    // Only a closed case's member may be erased.
    await db.updateTable('return_case').set({ stage: 'closed', departed_on: '2024-05-01' }).where('id', '=', gone.id).execute();
    const principal = (await call(cw, 'GET', `/api/cases/${gone.id}`)).json().members[0].person.id as string;
    const erased = await call(dpo, 'POST', `/api/persons/${principal}/erasure`, { reason: 'The returnee asked for their data to be erased, by letter of 3 March.' });
    expect(erased.statusCode, erased.body).toBe(200);

    const rowOf = (lines: string[], caseNumber: string) => lines.find((l) => l.startsWith(caseNumber)) ?? '';
    const en = (await download(cw, await exportOf(cw, { format: 'csv', filter: {} }))).body.split('\r\n');
    expect(rowOf(en, gone.caseNumber)).toContain(',Erased person,');
    expect(rowOf(en, kept.caseNumber)).toContain(',Karim Mansour,');
    expect(en.join('\n')).not.toContain(ERASED_VALUE);

    // The export is written in the requester's language when the job runs.
    await db.updateTable('app_user').set({ preferred_language: 'fr' }).where('id', '=', c.users.caseworker.id).execute();
    const res = await download(cw, await exportOf(cw, { format: 'xlsx', filter: {} }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const row = rows.find((r) => r[0] === gone.caseNumber);
    expect(row).toContain('Personne effacée');
    expect(rows.find((r) => r[0] === kept.caseNumber)).toContain('Karim Mansour');
    expect(rows.flat()).not.toContain(ERASED_VALUE);
  });

  it('applies the list’s filters', async () => {
    const id = await exportOf(worker, { format: 'csv', filter: { q: formula.caseNumber } });
    const text = (await download(worker, id)).body;
    expect(text).toContain(formula.caseNumber);
    expect(text).not.toContain(plain.caseNumber);
  });

  it('lets only its requester see or download an export', async () => {
    const id = await exportOf(worker, { format: 'csv', filter: {} });
    expect((await download(manager, id)).statusCode).toBe(404);
    expect((await call(manager, 'GET', `/api/cases/exports/${id}`)).statusCode).toBe(404);
    expect((await call(manager, 'GET', '/api/cases/exports')).json().items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await call(worker, 'GET', '/api/cases/exports')).json().items.map((e: { id: string }) => e.id)).toContain(id);
  });

  it('audits the request with its filter, the completion with the row count, and each download', async () => {
    const id = await exportOf(worker, { format: 'csv', filter: { stage: ['registered'] } });
    await download(worker, id);
    const events = await db.selectFrom('audit_event').select(['event', 'after', 'actor_id']).where('entity_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['case.export.requested', 'case.export.completed', 'case.export.downloaded']);
    expect(events[0].after).toMatchObject({ format: 'csv', filter: { stage: ['registered'] } });
    expect(events[1].after).toMatchObject({ status: 'done', rowCount: 3, filter: { stage: ['registered'] } });
    expect(events[2].after).toMatchObject({ rowCount: 3 });
    expect(new Set(events.map((e) => e.actor_id))).toEqual(new Set([a.users.caseworker.id]));
  });

  it('stops when the requester lost the right to read cases before the job ran', async () => {
    const who = await officeWith(['caseworker']);
    const res = await call(who.users.caseworker.session, 'POST', '/api/cases/exports', { format: 'csv', filter: {} });
    expect(res.statusCode).toBe(202);
    await db.deleteFrom('user_role').where('user_id', '=', who.users.caseworker.id).execute();
    expect(await runCaseExport(res.json().id, jobDeps)).toBe('failed');
    const row = await db.selectFrom('case_export').select(['status', 'error_code']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', error_code: 'CASE_EXPORT_PERMISSION_LOST' });
  });

  it('expires after 24 hours: 410 with a code, and the file is deleted', async () => {
    const id = await exportOf(worker, { format: 'csv', filter: {} });
    const file = path.join(dataDir, 'exports', `${id}.csv`);
    expect(existsSync(file)).toBe(true);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    // A new day, a new sign-in.
    const again = await t.login(a.users.caseworker.email, a.users.caseworker.password);
    const res = await download(again, id);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('CASE_EXPORT_EXPIRED');
    expect(existsSync(file)).toBe(false);
    expect((await call(again, 'GET', `/api/cases/exports/${id}`)).json().status).toBe('expired');
  });

  it('the hourly purge deletes the files of expired exports', async () => {
    const session = await t.login(a.users.caseworker.email, a.users.caseworker.password);
    const res = await call(session, 'POST', '/api/cases/exports', { format: 'xlsx', filter: {} });
    expect(await runCaseExport(res.json().id, jobDeps)).toBe('done');
    const file = path.join(dataDir, 'exports', `${res.json().id}.xlsx`);
    expect(existsSync(file)).toBe(true);
    // The earlier exports are past their 24 hours; this one is not yet.
    await purgeCaseExports(jobDeps);
    expect(existsSync(file)).toBe(true);
    expect(await purgeCaseExports(jobDeps)).toBe(0);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    expect(await purgeCaseExports(jobDeps)).toBe(1);
    expect(existsSync(file)).toBe(false);
    const row = await db.selectFrom('case_export').select('removed_at').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.removed_at).not.toBeNull();
  });
});
