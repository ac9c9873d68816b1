import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp, type Session } from '../../test-support/harness.js';
import { runImport } from './index.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-import-xlsx-'));
const t = await testApp({ config: { dataDir, importMaxBytes: 1024 * 1024 } });
const { call, officeWith, db, clock } = t;
const team = await officeWith(['office_manager', 'caseworker']);
const manager = team.users.office_manager.session;
const other = (await officeWith(['office_manager'])).users.office_manager.session;
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

async function upload(s: Session, name: string, content: Buffer) {
  const { payload, contentType } = multipartUpload({ name, content });
  return t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType } });
}

/** A workbook as a spreadsheet saves it: a header, typed cells, a formula with its cached value. */
async function workbook(fill: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Caseload'));
  wb.addWorksheet('Notes').addRow(['not read']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const storedFiles = () => readdirSync(path.join(dataDir, 'imports'));

/** A zip of deflated parts, as a zip writer lays it out (local headers, central directory, end record). */
function zipOf(parts: { name: string; data: Buffer }[]) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fileName.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('Excel workbooks', () => {
  it('converts the first sheet into the stored CSV form: formulas by their cached value, dates as ISO, "=" text as data', async () => {
    const content = await workbook((ws) => {
      ws.addRow(['family_id', 'person_id', 'name', 'dob', 'total', 'note']);
      ws.addRow(['F-1', 'P-1', 'Ahmed "Abu Ali" Hassan', new Date(Date.UTC(1985, 2, 12)), { formula: 'SUM(1,2)', result: 3 }, '=HYPERLINK("http://x")']);
      ws.addRow([]);
      const last = ws.addRow(['F-1', 'P-2', 'ليلى حسن', new Date(Date.UTC(1988, 0, 1)), { formula: 'TODAY()', result: 43957 }, '+33 1 23, -5, @home']);
      last.getCell(5).numFmt = 'dd/mm/yyyy';
    });
    const res = await upload(manager, 'caseload.xlsx', content);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: 'caseload.xlsx', encoding: 'utf-8', delimiter: ',', headers: ['family_id', 'person_id', 'name', 'dob', 'total', 'note'] });
    const file = await db.selectFrom('import_file').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(file.stored_name).toMatch(/\.csv$/);
    const csv = readFileSync(path.join(dataDir, 'imports', file.stored_name), 'utf8');
    expect(csv.split('\n')).toEqual([
      '"family_id","person_id","name","dob","total","note"',
      '"F-1","P-1","Ahmed ""Abu Ali"" Hassan","1985-03-12","3","=HYPERLINK(""http://x"")"',
      '"F-1","P-2","ليلى حسن","1988-01-01","2020-05-06","+33 1 23, -5, @home"',
      '',
    ]);
    expect(storedFiles().some((f) => f.endsWith('.xlsx'))).toBe(false);

    const preview = await call(manager, 'GET', `/api/imports/files/${res.json().id}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ sampledRows: 2, complete: true, rows: [['F-1', 'P-1', 'Ahmed "Abu Ali" Hassan', '1985-03-12', '3', '=HYPERLINK("http://x")'], expect.any(Array)] });
    expect(preview.json().columns[0]).toEqual({ name: 'family_id', values: [{ value: 'F-1', count: 2 }] });
  });

  it('imports a workbook like its CSV export', async () => {
    const lines = fixture('households.csv').toString('utf8').trim().split('\n').map((l) => l.split(','));
    const content = await workbook((ws) => { for (const l of lines) ws.addRow(l); });
    const up = await upload(manager, 'households.xlsx', content);
    expect(up.statusCode, up.body).toBe(201);
    const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'dry_run', mapping, source: 'xlsx-src' });
    expect(started.statusCode, started.body).toBe(201);
    expect(await runImport(started.json().id, jobDeps)).toBe('done');
    expect((await call(manager, 'GET', `/api/imports/runs/${started.json().id}`)).json()).toMatchObject({ rowsTotal: 6, created: 4, rejected: 2 });
  });

  it('refuses a zip bomb from its directory, before reading it, and keeps nothing', async () => {
    const before = storedFiles().length;
    // 8 MiB of one byte: compressed about a thousand times, far beyond any spreadsheet.
    const bomb = zipOf([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await upload(manager, 'bomb.xlsx', bomb);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'IMPORT_XLSX_TOO_LARGE', details: { maxExpandedBytes: 16 * 1024 * 1024 } });
    // Parts that together expand beyond 16 times the upload limit, each compressed less than 200 times.
    const wide = zipOf(Array.from({ length: 18 }, (_, n) => {
      const block = randomBytes(10 * 1024);
      return { name: `xl/worksheets/sheet${n + 1}.xml`, data: Buffer.concat(Array.from({ length: 103 }, () => block)) };
    }));
    expect(wide.length).toBeLessThan(1024 * 1024);
    const res2 = await upload(manager, 'wide.xlsx', wide);
    expect(res2.statusCode, res2.body).toBe(413);
    expect(res2.json().error.code).toBe('IMPORT_XLSX_TOO_LARGE');
    expect(storedFiles().length).toBe(before);
  });

  it('refuses a file that is not a workbook, or a zip without one, and keeps nothing', async () => {
    const before = storedFiles().length;
    const notZip = await upload(manager, 'broken.xlsx', Buffer.from('family_id,person_id\nF-1,P-1\n'));
    expect(notZip.statusCode).toBe(422);
    expect(notZip.json().error.code).toBe('IMPORT_XLSX_INVALID');
    // A zip holding one text file, no workbook.
    const zip = Buffer.from('UEsDBAoAAAAAAAAAIQAAAAAAAAAAAAAAAAAIAAAAcmVhZC50eHRQSwECFAAKAAAAAAAAACEAAAAAAAAAAAAAAAAACAAAAAAAAAAAAAAAAAAAAAAAcmVhZC50eHRQSwUGAAAAAAEAAQA2AAAAJgAAAAAA', 'base64');
    const noBook = await upload(manager, 'empty.xlsx', zip);
    expect(noBook.statusCode).toBe(422);
    expect(noBook.json().error.code).toBe('IMPORT_XLSX_INVALID');
    const cut = await upload(manager, 'cut.xlsx', (await workbook((ws) => ws.addRow(['a', 'b']))).subarray(0, 300));
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error.code).toBe('IMPORT_XLSX_INVALID');
    expect(storedFiles().length).toBe(before);
    const files = await db.selectFrom('import_file').select('file_name').where('file_name', 'in', ['broken.xlsx', 'empty.xlsx', 'cut.xlsx']).execute();
    expect(files).toEqual([]);
  });
});

describe('review of possible duplicates', () => {
  it('lists the imported persons with the existing persons they look like, and records each decision without merging', async () => {
    const importAs = async (source: string) => {
      const up = await upload(manager, 'households.csv', fixture('households.csv'));
      const started = await call(manager, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'import', mapping, source });
      expect(await runImport(started.json().id, jobDeps)).toBe('done');
      return started.json().id as string;
    };
    await importAs('first-system');
    const runId = await importAs('second-system');
    expect((await call(manager, 'GET', `/api/imports/runs/${runId}`)).json()).toMatchObject({ created: 4, possibleDuplicates: 4 });

    const page = await call(manager, 'GET', `/api/imports/runs/${runId}/duplicates?pageSize=2`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    const ahmed = page.json().items[0];
    const existing = await db.selectFrom('person').select('id').where('legacy_source', '=', 'first-system').where('legacy_id', '=', 'P-1001').executeTakeFirstOrThrow();
    const created = await db.selectFrom('person').select('id').where('legacy_source', '=', 'second-system').where('legacy_id', '=', 'P-1001').executeTakeFirstOrThrow();
    expect(ahmed).toMatchObject({ line: 2, legacyId: 'P-1001', personId: created.id, originalScriptName: 'أحمد حسن', birthDate: '1985-03-12', nationality: 'IQ' });
    expect(ahmed.caseNumber).toBeTruthy();
    expect(ahmed.candidates).toEqual([expect.objectContaining({ personId: existing.id, originalScriptName: 'أحمد حسن', birthDate: '1985-03-12', score: 1, decision: null })]);

    const same = await call(manager, 'PUT', `/api/imports/runs/${runId}/duplicates/2`, { candidateId: existing.id, decision: 'same' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().candidates[0]).toMatchObject({ decision: 'same', decidedBy: expect.any(String) });
    const changed = await call(manager, 'PUT', `/api/imports/runs/${runId}/duplicates/2`, { candidateId: existing.id, decision: 'different' });
    expect(changed.json().candidates[0].decision).toBe('different');
    const rows = await db.selectFrom('import_duplicate_review').selectAll().where('run_id', '=', runId).execute();
    expect(rows).toMatchObject([{ line: 2, candidate_id: existing.id, person_id: created.id, decision: 'different' }]);
    const audits = await db.selectFrom('audit_event').select(['before', 'after']).where('event', '=', 'import.duplicate_reviewed').where('entity_id', '=', runId).orderBy('at').execute();
    expect(audits.map((a) => [a.before, (a.after as { decision: string }).decision])).toEqual([[null, 'same'], [{ decision: 'same' }, 'different']]);
    // Nothing merged: both persons are still there.
    expect(await db.selectFrom('person').select('id').where('id', 'in', [existing.id, created.id]).execute()).toHaveLength(2);

    const open = await call(manager, 'GET', `/api/imports/runs/${runId}/duplicates?open=true`);
    expect(open.json().total).toBe(3);

    // A person who is not a candidate of the row, another office, a dry run.
    const notCandidate = await call(manager, 'PUT', `/api/imports/runs/${runId}/duplicates/2`, { candidateId: created.id, decision: 'same' });
    expect(notCandidate.statusCode).toBe(404);
    expect(notCandidate.json().error.code).toBe('IMPORT_DUPLICATE_NOT_FOUND');
    expect((await call(other, 'GET', `/api/imports/runs/${runId}/duplicates`)).statusCode).toBe(404);
    expect((await call(other, 'PUT', `/api/imports/runs/${runId}/duplicates/2`, { candidateId: existing.id, decision: 'same' })).statusCode).toBe(404);
    expect((await call(team.users.caseworker.session, 'GET', `/api/imports/runs/${runId}/duplicates`)).statusCode).toBe(403);
    const dryUp = await upload(manager, 'households.csv', fixture('households.csv'));
    const dry = await call(manager, 'POST', '/api/imports/runs', { fileId: dryUp.json().id, mode: 'dry_run', mapping, source: 'third-system' });
    await runImport(dry.json().id, jobDeps);
    const dryList = (await call(manager, 'GET', `/api/imports/runs/${dry.json().id}/duplicates`)).json();
    expect(dryList.items[0]).toMatchObject({ personId: null, candidates: expect.any(Array) });
    const dryDecision = await call(manager, 'PUT', `/api/imports/runs/${dry.json().id}/duplicates/2`, { candidateId: existing.id, decision: 'same' });
    expect(dryDecision.statusCode).toBe(409);
    expect(dryDecision.json().error.code).toBe('IMPORT_DUPLICATE_NOT_IMPORTED');
  });
});
