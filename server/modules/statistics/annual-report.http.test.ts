import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { countryName } from '../../../shared/reference/countries.js';
import { householdInput, testApp } from '../../test-support/harness.js';
import { pdfUnicodeText } from '../../test-support/pdf-unicode-text.js';
import { buildReport, purgeExpiredReports } from './annual-report.js';
import { catalogue } from './annual-report-pdf.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

describe('annual report (PDF)', async () => {
  const a = await officeWith(['caseworker', 'me_officer', 'programme_manager'], { country: 'BE' });
  const b = await officeWith(['caseworker', 'me_officer'], { country: 'NL' });
  // Departed households: Iraq 7 returnees from Belgium, Afghanistan 3 from Belgium, Nigeria 2 from the Netherlands.
  const plan: [typeof a, string, number][] = [[a, 'IQ', 4], [a, 'IQ', 3], [a, 'AF', 3], [b, 'NG', 2]];
  for (const [office, origin, size] of plan) {
    const member = () => ({ relationship: 'child', person: { givenName: 'M', familyName: 'F', sex: 'female', birthDate: '2015-03-01', nationality: origin } });
    const res = await call(office.users.caseworker!.session, 'POST', '/api/cases', householdInput({
      countryOfReturn: origin, principal: { givenName: 'P', familyName: 'F', sex: 'male', birthDate: '1990-01-01', nationality: origin },
      members: Array.from({ length: size - 1 }, member),
    }));
    expect(res.statusCode, res.body).toBe(201);
    await db.updateTable('return_case').set({ stage: 'departed', departed_on: '2025-06-15' }).where('id', '=', res.json().id).execute();
  }
  // Six community projects of office a starting in 2025, active.
  for (let i = 0; i < 6; i += 1) {
    await db.insertInto('community_project').values({
      office_id: a.office.id, title: `Project ${i}`, country_code: 'IQ', place: 'Mosul', project_id: null, budget_minor: 100_000, currency: 'USD',
      starts_on: '2025-03-01', ends_on: '2025-12-31', status: 'active', returnees_female: 7, returnees_male: 5, community_female: 20, community_male: 20,
      created_by: a.users.me_officer!.id, created_at: new Date(), updated_at: new Date(),
    }).execute();
  }
  const me = a.users.me_officer!.session;

  const generate = async (session = me, body: object = { year: 2025, language: 'en' }) => {
    const res = await call(session, 'POST', '/api/statistics/reports', body);
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    await buildReport(id, { db, clock });
    const status = (await call(session, 'GET', `/api/statistics/reports/${id}`)).json();
    expect(status).toMatchObject({ status: 'done', figuresDone: 10, figuresTotal: 10 });
    const file = await call(session, 'GET', `/api/statistics/reports/${id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    return { id, pdf: file.rawPayload, lines: pdfUnicodeText(file.rawPayload) };
  };

  it('prints the figures the API answers for the same scope, and withholds counts 1-4 from a statistics-only viewer', async () => {
    const { id, lines } = await generate();
    const en = catalogue('en');
    expect(lines).toContain('Homeward');
    expect(lines.some((l) => l.includes('Figure 2: Returns from the top 10 host countries, 2025'))).toBe(true);
    const origins = (await call(me, 'GET', '/api/statistics/figures/origins?yearFrom=2025&yearTo=2025')).json();
    expect(origins.controlled).toBe(true);
    for (const r of origins.rows) {
      const at = lines.indexOf(countryName(r.key, 'en'));
      expect(at, r.key).toBeGreaterThanOrEqual(0);
      expect(lines[at + 1]).toBe(r.value === null ? '–' : String(r.value));
    }
    expect(origins.rows.find((r: { key: string }) => r.key === 'NG')).toMatchObject({ value: null, withheld: 'small' });
    const hosts = (await call(me, 'GET', '/api/statistics/figures/hosts?yearFrom=2025&yearTo=2025')).json();
    const be = lines.indexOf(countryName('BE', 'en'));
    const beCount = hosts.rows.find((r: { key: string }) => r.key === 'BE').value;
    expect(lines[be + 1]).toBe(beCount === null ? '–' : String(beCount));
    // No count from 1 to 4 anywhere: every printed number stands alone in its string.
    expect(lines.filter((l) => /^[1-4]$/.test(l))).toEqual([]);
    expect(lines.some((l) => l.startsWith(en['statistics.report.pdf.withheld']!.slice(0, 20)))).toBe(true);
    // The community projects starting in the year, a line per measure: the six active projects and their 42 female returnees.
    expect(lines.some((l) => l.includes('Community projects starting in 2025'))).toBe(true);
    const female = lines.indexOf(en['community.beneficiaries.returneesFemale']!);
    expect(female).toBeGreaterThanOrEqual(0);
    expect(lines.slice(female + 1, female + 6)).toEqual(['0', '42', '0', '0', '42']);
    const projects = lines.indexOf(en['statistics.community.projects']!);
    expect(lines.slice(projects + 1, projects + 6)).toEqual(['0', '6', '0', '0', '6']);

    const audit = await db.selectFrom('audit_event').select('event').where('entity_id', '=', id).execute();
    expect(audit.map((e) => e.event).sort()).toEqual(['statistics.report_downloaded', 'statistics.report_requested']);
    const list = (await call(me, 'GET', '/api/statistics/reports')).json();
    expect(list.items.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('answers the report to its requester only, refuses without the permission, and 410 once expired', async () => {
    const res = await call(me, 'POST', '/api/statistics/reports', { year: 2025 });
    const id = res.json().id as string;
    expect((await call(me, 'GET', `/api/statistics/reports/${id}/file`)).json().error.code).toBe('STAT_REPORT_NOT_READY');
    await buildReport(id, { db, clock });
    expect((await call(b.users.me_officer!.session, 'GET', `/api/statistics/reports/${id}/file`)).statusCode).toBe(404);
    expect((await call(b.users.me_officer!.session, 'GET', `/api/statistics/reports/${id}`)).statusCode).toBe(404);
    expect((await call(a.users.caseworker!.session, 'POST', '/api/statistics/reports', { year: 2025 })).statusCode).toBe(403);
    expect((await call(a.users.caseworker!.session, 'GET', `/api/statistics/reports/${id}/file`)).statusCode).toBe(403);
    expect((await call(me, 'POST', '/api/statistics/reports', { yearFrom: 2026, yearTo: 2020 })).json().error.code).toBe('STAT_REPORT_YEARS_INVALID');
    expect((await call(me, 'POST', '/api/statistics/reports', { year: 2025, language: 'de' })).statusCode).toBe(400);
    // A day later (the session would end too: the row's lifetime is moved instead).
    await db.updateTable('stat_report').set({ expires_at: new Date(clock.now().getTime() - 1000) }).where('id', '=', id).execute();
    const gone = await call(me, 'GET', `/api/statistics/reports/${id}/file`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('STAT_REPORT_EXPIRED');
    // The hourly purge removes the expired PDF (and only expired ones); the row stays, listed as expired.
    const fresh = (await call(me, 'POST', '/api/statistics/reports', { year: 2025 })).json().id as string;
    await buildReport(fresh, { db, clock });
    expect(await purgeExpiredReports({ db, clock })).toBeGreaterThanOrEqual(1);
    const pdfs = await db.selectFrom('stat_report').select(['id', sql<boolean>`pdf IS NOT NULL`.as('kept')]).where('id', 'in', [id, fresh]).execute();
    expect(Object.fromEntries(pdfs.map((r) => [r.id, r.kept]))).toEqual({ [id]: false, [fresh]: true });
    expect((await call(me, 'GET', `/api/statistics/reports/${id}`)).json()).toMatchObject({ expired: true });
  });

  it('makes an Arabic report with the Arabic font embedded, its text shaped and extracted as Arabic letters', async () => {
    const { pdf, lines } = await generate(a.users.programme_manager!.session, { year: 2025, language: 'ar' });
    expect(pdf.toString('latin1')).toMatch(/NotoNaskhArabic/);
    const title = catalogue('ar')['statistics.report.pdf.title']!;
    expect(lines.join('\n')).toContain(title.split(' ').slice(0, 2).join(' '));
    expect(lines).toContain(countryName('IQ', 'ar'));
  });

  it('refuses a report whose requester lost the statistics permission', async () => {
    const c = await officeWith(['me_officer'], { country: 'FR' });
    const res = await call(c.users.me_officer!.session, 'POST', '/api/statistics/reports', { year: 2025 });
    await db.deleteFrom('user_role').where('user_id', '=', c.users.me_officer!.id).execute();
    await buildReport(res.json().id, { db, clock });
    const row = await db.selectFrom('stat_report').select(['status', 'error_code', 'pdf']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', error_code: 'STAT_REPORT_PERMISSION_LOST', pdf: null });
  });
});
