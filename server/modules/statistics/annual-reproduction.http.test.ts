import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartUpload, testApp, type Session } from '../../test-support/harness.js';
import { runImport } from '../imports/index.js';

/**
 * A programme's history, loaded through the legacy import as an office would, gives back on the
 * dashboard exactly the figures its annual report published. The figures here have the shape of
 * the published 2010 ones (returns to Brazil from Belgium, Portugal, the United Kingdom and the
 * Netherlands; Ecuador, Bolivia, Nicaragua), scaled down, with returns of other years around them.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homeward-report-'));
const t = await testApp({ config: { dataDir } });
const { call, officeWith, db, clock } = t;

const PUBLISHED_2010: Record<string, Record<string, number>> = {
  BE: { BR: 92, EC: 40, BO: 42 },
  PT: { BR: 45, NI: 28 },
  GB: { BR: 37 },
  NL: { BR: 33, EC: 28 },
};
const OTHER_YEARS: Record<string, Record<string, number>> = { BE: { BR: 17 }, NL: { EC: 9 } };

const mapping = {
  columns: {
    householdKey: 'household', legacyId: 'person', relationship: 'role', givenName: 'given', familyName: 'family', sex: 'sex', birthDate: 'born',
    nationality: 'nationality', legalStatus: 'status', countryOfReturn: 'country', kind: 'kind', stage: 'stage', registeredOn: 'registered', departedOn: 'departed',
  },
  values: { relationship: { H: 'principal', S: 'spouse', C: 'child' }, legalStatus: { REJ: 'asylum_rejected' }, kind: { VR: 'voluntary_return' } },
  dateFormat: 'YYYY-MM-DD',
};

/** Households of one to four people, adding up to exactly `returnees`. */
function households(host: string, origin: string, returnees: number, departed: string) {
  const rows: string[] = [];
  let left = returnees;
  for (let h = 0; left > 0; h++) {
    const size = Math.min(left, 1 + (h % 4));
    left -= size;
    const key = `${host}-${origin}-${departed}-${h}`;
    for (let p = 0; p < size; p++) {
      const role = p === 0 ? 'H' : p === 1 ? 'S' : 'C';
      const sex = p % 2 === 0 ? 'male' : 'female';
      const born = p < 2 ? `19${70 + (h % 20)}-04-1${p}` : `20${String(h % 9).padStart(2, '0')}-09-0${p}`;
      rows.push([key, `${key}-${p}`, role, `Given${p}`, `Family${h}`, sex, born, origin, 'REJ', origin, 'VR', 'closed', `${departed.slice(0, 4)}-01-05`, departed].join(','));
    }
  }
  return rows;
}

async function importFor(host: string, session: Session) {
  const lines = ['household,person,role,given,family,sex,born,nationality,status,country,kind,stage,registered,departed'];
  for (const [origin, n] of Object.entries(PUBLISHED_2010[host]!)) lines.push(...households(host, origin, n, '2010-06-15'));
  for (const [origin, n] of Object.entries(OTHER_YEARS[host] ?? {})) lines.push(...households(host, origin, n, '2011-02-01'));
  const { payload, contentType } = multipartUpload({ name: `${host}-history.csv`, content: Buffer.from(lines.join('\n') + '\n') });
  const up = await t.app.inject({ method: 'POST', url: '/api/imports/files', payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType } });
  expect(up.statusCode, up.body).toBe(201);
  const run = await call(session, 'POST', '/api/imports/runs', { fileId: up.json().id, mode: 'import', mapping, source: `${host.toLowerCase()}-legacy` });
  expect(run.statusCode, run.body).toBe(201);
  expect(await runImport(run.json().id, { db, clock, dataDir })).toBe('done');
  const done = (await call(session, 'GET', `/api/imports/runs/${run.json().id}`)).json();
  expect(done).toMatchObject({ status: 'done', rejected: 0 });
}

describe('the annual report reproduces from an imported history', async () => {
  const first = await officeWith(['office_manager', 'me_officer'], { country: 'BE' });
  const offices = { BE: first };
  for (const host of ['PT', 'GB', 'NL'] as const) Object.assign(offices, { [host]: await officeWith(['office_manager'], { country: host, organisationId: first.organisationId }) });
  for (const [host, o] of Object.entries(offices)) await importFor(host, o.users.office_manager.session);
  const reader = first.users.me_officer.session;
  const figure = async (name: string, query: string) => {
    const res = await call(reader, 'GET', `/api/statistics/figures/${name}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { rows: { key: string; value: number | null; cells?: { key: string; value: number | null }[] }[]; total: { value: number | null } };
  };
  const valueOf = (rows: { key: string; value: number | null }[]) => Object.fromEntries(rows.map((r) => [r.key, r.value]));

  it('gives back the returns per country of origin in 2010', async () => {
    const origins = await figure('origins', 'yearFrom=2010&yearTo=2010');
    expect(valueOf(origins.rows)).toEqual({ BR: 207, BO: 42, EC: 68, NI: 28 });
    expect(origins.total.value).toBe(345);
  });

  it('gives back the returns to Brazil from each host country in 2010', async () => {
    const hosts = await figure('hosts', 'yearFrom=2010&yearTo=2010&originCountry=BR');
    expect(valueOf(hosts.rows)).toEqual({ BE: 92, PT: 45, GB: 37, NL: 33 });
    const matrix = await figure('host-origin', 'yearFrom=2010&yearTo=2010');
    for (const [host, origins] of Object.entries(PUBLISHED_2010)) {
      const row = matrix.rows.find((r) => r.key === host)!;
      for (const [origin, n] of Object.entries(origins)) expect(row.cells!.find((c) => c.key === origin)!.value, `${host} → ${origin}`).toBe(n);
    }
  });

  it('counts each year by the departure date', async () => {
    const years = await figure('years', '');
    expect(valueOf(years.rows)).toMatchObject({ 2010: 345, 2011: 26 });
  });
});
