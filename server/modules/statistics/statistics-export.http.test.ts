import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db } = t;

type Count = { key: string; value: number | null; withheld: string | null; cells?: Count[] };
type Figure = { rows: Count[]; columns: Count[] | null; total: Count; controlled: boolean };

const csvOf = (body: string) => parse(body, { bom: true, relax_column_count: true }) as string[][];
const asCell = (v: number | null) => (v === null ? '' : String(v));

async function sheetOf(buf: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('statistics exports', async () => {
  const a = await officeWith(['caseworker', 'me_officer'], { country: 'BE' });
  const origins = ['IQ', 'AF', 'AF', 'NG', 'NG', 'NG', 'SN', 'SN', 'SN', 'SN', 'SN', 'SN', 'IQ', 'IQ', 'IQ', 'IQ', 'IQ', 'IQ'];
  for (const [i, country] of origins.entries()) {
    const res = await call(a.users.caseworker.session, 'POST', '/api/cases', householdInput({
      countryOfReturn: country,
      principal: { givenName: 'P', familyName: `E${i}`, sex: i % 3 ? 'female' : 'male', birthDate: `19${70 + i}-02-03`, nationality: country },
    }));
    if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
    await db.updateTable('return_case').set({ stage: 'departed', departed_on: `${2023 + (i % 3)}-0${1 + (i % 9)}-10` }).where('id', '=', res.json().id).execute();
  }
  const viewer = a.users.me_officer.session;
  const figure = async (name: string, query = '') => (await call(viewer, 'GET', `/api/statistics/figures/${name}?top=5${query}`)).json() as Figure;
  const exported = (name: string, format: string, query = '') => call(viewer, 'GET', `/api/statistics/figures/${name}/export?format=${format}&top=5${query}`);

  it('writes a one-way figure as CSV, Excel and HXL with the counts of the figure, withheld ones left empty', async () => {
    const f = await figure('years');
    expect(f.controlled).toBe(true);

    const csv = await exported('years', 'csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="homeward-years-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csvOf(csv.body);
    expect(lines[0]).toEqual(['Returns counted', 'Year', 'Returnees', 'Note']);
    f.rows.forEach((r, i) => {
      expect(lines[i + 1]!.slice(1, 3)).toEqual([r.key, asCell(r.value)]);
      expect(lines[i + 1]![3] !== '').toBe(r.withheld !== null);
    });
    expect(lines[f.rows.length + 1]!.slice(1, 3)).toEqual(['Total', asCell(f.total.value)]);

    const xlsx = await exported('years', 'xlsx');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toMatch(/homeward-years-.*\.xlsx"$/);
    const rows = await sheetOf(xlsx.rawPayload);
    expect(rows[0]![0]).toBe('Returns per year');
    expect(rows.some((r) => String(r[0]).includes('departed'))).toBe(true);
    const head = rows.findIndex((r) => r[0] === 'Year');
    f.rows.forEach((r, i) => expect(rows[head + 1 + i]!.slice(0, 2)).toEqual([Number(r.key), r.value ?? undefined]));
    expect(rows[head + 1 + f.rows.length]![1]).toBe(f.total.value ?? undefined);

    const hxl = await exported('years', 'hxl', '&lang=fr');
    expect(hxl.headers['content-disposition']).toMatch(/homeward-years-.*\.hxl\.csv"$/);
    const tagged = csvOf(hxl.body);
    expect(tagged[0]![1]).toBe('Année');
    expect(tagged[1]).toEqual(['#meta+filter+kind', '#date+year', '#affected+returned', '#meta+withheld']);
    expect(tagged.slice(2).map((r) => [r[1], r[2], r[3]])).toEqual(f.rows.map((r) => [r.key, asCell(r.value), r.withheld ?? '']));
  });

  it('writes a two-way figure with a column per column and the same counts', async () => {
    const f = await figure('host-origin');
    expect(f.columns!.length).toBeGreaterThan(1);
    const lines = csvOf((await exported('host-origin', 'csv')).body);
    expect(lines[0]!.slice(1, 3)).toEqual(['Host country', 'Code']);
    f.rows.forEach((r, i) => expect(lines[i + 1]!.slice(3, 3 + f.columns!.length + 1)).toEqual([...r.cells!.map((c) => asCell(c.value)), asCell(r.value)]));
    expect(lines[f.rows.length + 1]!.slice(3, 3 + f.columns!.length + 1)).toEqual([...f.columns!.map((c) => asCell(c.value)), asCell(f.total.value)]);

    const rows = await sheetOf((await exported('host-origin', 'xlsx')).rawPayload);
    const head = rows.findIndex((r) => r[0] === 'Host country');
    f.rows.forEach((r, i) => expect(rows[head + 1 + i]!.slice(2, 2 + f.columns!.length)).toEqual(r.cells!.map((c) => c.value ?? undefined)));

    const tagged = csvOf((await exported('host-origin', 'hxl')).body);
    expect(tagged[1]).toEqual(['#meta+filter+kind', '#country+name+host', '#country+code+host', '#country+name+origin', '#country+code+origin', '#affected+returned', '#meta+withheld']);
    expect(tagged[2]!.slice(1, 3)).toEqual(['Belgium', 'BEL']);
    const cells = f.rows.flatMap((r) => r.cells!);
    expect(tagged.slice(2).map((r) => [r[5], r[6]])).toEqual(cells.map((c) => [asCell(c.value), c.withheld ?? '']));
  });

  it('never writes a withheld count in any format', async () => {
    let withheld = 0;
    for (const name of ['years', 'origins', 'sex-age', 'host-origin']) {
      const f = await figure(name);
      const hidden = [f.total, ...f.rows, ...(f.columns ?? []), ...f.rows.flatMap((r) => r.cells ?? [])].filter((c) => c.withheld).length;
      const csv = csvOf((await exported(name, 'csv')).body);
      const hxl = csvOf((await exported(name, 'hxl')).body);
      const xlsx = await sheetOf((await exported(name, 'xlsx')).rawPayload);
      // No count cell below 5 other than 0 (a withheld one is empty, never its value).
      const small = (v: unknown) => (typeof v === 'number' || /^\d+$/.test(String(v))) && Number(v) > 0 && Number(v) < 5;
      const counts = (rows: unknown[][], from: number) => rows.slice(from).flatMap((r) => r.slice(1)).filter(small);
      expect(counts(csv, 1).filter((v) => !/^20\d\d$/.test(String(v)))).toEqual([]);
      expect(counts(hxl, 2).filter((v) => !/^20\d\d$/.test(String(v)))).toEqual([]);
      expect(counts(xlsx, xlsx.findIndex((r) => r.length > 2) + 1).filter((v) => !/^20\d\d$/.test(String(v)))).toEqual([]);
      if (hidden) expect(csv.some((r) => r.at(-1)!.startsWith('Withheld'))).toBe(true);
      withheld += hidden;
    }
    expect(withheld).toBeGreaterThan(0);
  });

  it('neutralises an office name that reads as a formula, in CSV and Excel', async () => {
    await db.updateTable('office').set({ name: '=HYPERLINK("http://example.org","x")' }).where('id', '=', a.office.id).execute();
    const csv = csvOf((await exported('years', 'csv', `&officeId=${a.office.id}`)).body);
    expect(csv[0]![1]).toBe('Office');
    expect(csv[1]![1]).toBe(`'=HYPERLINK("http://example.org","x")`);
    const rows = await sheetOf((await exported('years', 'xlsx', `&officeId=${a.office.id}`)).rawPayload);
    expect(rows.find((r) => r[0] === 'Office')![1]).toBe(`'=HYPERLINK("http://example.org","x")`);
  });

  it('refuses without statistics.read and refuses an unknown format with a code', async () => {
    expect((await call(a.users.caseworker.session, 'GET', '/api/statistics/figures/years/export?format=csv')).statusCode).toBe(403);
    const bad = await exported('years', 'pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await exported('years', 'csv', '&lang=de')).statusCode).toBe(400);
  });

  it('audits each export with the figure, the format, the filters and the number of rows', async () => {
    const before = await db.selectFrom('audit_event').select('id').where('event', '=', 'statistics.export.downloaded').execute();
    await exported('origins', 'hxl', '&sex=female');
    const events = await db.selectFrom('audit_event').select(['details', 'actor_id']).where('event', '=', 'statistics.export.downloaded').execute();
    expect(events).toHaveLength(before.length + 1);
    const event = events.find((e) => (e.details as { figure?: string }).figure === 'origins')!;
    const details = event.details as { figure: string; format: string; filters: Record<string, unknown>; rows: number };
    expect(details).toMatchObject({ figure: 'origins', format: 'hxl', filters: { sex: 'female', kind: 'voluntary_return', top: 5 } });
    expect(details.rows).toBeGreaterThan(0);
    expect(event.actor_id).toBe(a.users.me_officer.id);
  });
});
