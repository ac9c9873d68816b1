import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testApp, type Session } from '../../test-support/harness.js';
import { commit, convertMinor, rateOn, recordDisbursement, release, reverseDisbursement } from './index.js';
import type { Actor } from '../../platform/actor.js';

const t = await testApp();
const { call, officeWith, db, clock } = t;

const team = await officeWith(['finance_officer', 'programme_manager', 'me_officer', 'caseworker']);
const fin = team.users.finance_officer.session;
const pm = team.users.programme_manager.session;
const me = team.users.me_officer.session;
const cw = team.users.caseworker.session;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
function upload(s: Session, name: string, content: Buffer) {
  const boundary = '----homeward-rates';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/api/exchange-rates/import', payload: body, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
const count = async () => Number((await db.selectFrom('exchange_rate').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** The actor the ledger functions run as, as a later use case hands its own. */
function actorOf(userId: string, permissions: string[]): Actor {
  return { userId, officeId: team.office.id, organisationId: team.organisationId, grants: new Map(permissions.map((p) => [p, 'all'])), ip: null } as unknown as Actor;
}

describe('exchange rates', () => {
  it('imports a good file: every row added, source the file name, audited once', async () => {
    const before = await count();
    const res = await upload(fin, 'un-rates-2026-10.csv', fixture('rates-good.csv'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ fileName: 'un-rates-2026-10.csv', added: 6 });
    expect(await count()).toBe(before + 6);
    const list = await call(fin, 'GET', '/api/exchange-rates?currency=IQD');
    expect(list.json()).toMatchObject({ total: 1, items: [{ fromCurrency: 'USD', toCurrency: 'IQD', rate: '1310.5', effectiveFrom: '2026-10-01', source: 'un-rates-2026-10.csv', reason: null }] });
    const ev = await db.selectFrom('audit_event').select(['after']).where('event', '=', 'exchange_rate.imported').execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]!.after).toMatchObject({ added: 6, fileName: 'un-rates-2026-10.csv' });
    // The same file again: every row already has a rate that day, nothing added.
    const again = await upload(fin, 'un-rates-2026-10.csv', fixture('rates-good.csv'));
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.problems).toHaveLength(6);
    expect(await count()).toBe(before + 6);
  });

  it('refuses a bad file as a whole, with every problem by line and column, and stores nothing', async () => {
    const before = await count();
    const res = await upload(fin, 'bad.csv', fixture('rates-bad.csv'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('EXCHANGE_RATE_IMPORT_INVALID');
    expect(res.json().error.details.problems).toEqual([
      { line: 3, column: 'currency', problem: 'currency_unknown', value: 'XYZ' },
      { line: 4, column: 'rate_per_usd', problem: 'rate_invalid', value: '1,310.5' },
      { line: 5, column: 'effective_from', problem: 'date_invalid', value: '2026-13-01' },
      { line: 6, column: 'rate_per_usd', problem: 'formula', value: '=1+1' },
      { line: 7, column: 'currency', problem: 'duplicate', value: 'EUR 2026-10-01 (line 2)' },
      { line: 8, column: 'currency', problem: 'currency_usd', value: 'USD' },
      { line: 9, column: 'rate_per_usd', problem: 'required', value: '' },
      { line: 10, column: null, problem: 'columns', value: '2' },
    ]);
    expect(await count()).toBe(before);
    const header = await upload(fin, 'h.csv', fixture('rates-wrong-header.csv'));
    expect(header.json().error.details.problems).toEqual([{ line: 1, column: null, problem: 'header', value: 'code,rate,date' }]);
    expect((await upload(fin, 'empty.csv', Buffer.from(''))).json().error.details.problems).toEqual([{ line: 1, column: null, problem: 'empty_file' }]);
    // The programme manager may import too (finance.manage): the rows of this file are taken already.
    expect((await upload(pm, 'un-rates.csv', fixture('rates-good.csv'))).statusCode).toBe(422);
    expect((await upload(me, 'x.csv', fixture('rates-good.csv'))).statusCode).toBe(403);
  });

  it('enters a rate by hand; a second rate of the day needs a reason and both stay', async () => {
    const body = { fromCurrency: 'EUR', toCurrency: 'NGN', rate: '1650.25', effectiveFrom: '2026-10-01' };
    const res = await call(fin, 'POST', '/api/exchange-rates', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ...body, source: 'manual', reason: null, enteredBy: { id: team.users.finance_officer.id } });
    const again = await call(fin, 'POST', '/api/exchange-rates', { ...body, rate: '1652' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'EXCHANGE_RATE_REASON_REQUIRED', details: { field: 'reason', existingRate: '1650.25' } });
    const fixed = await call(fin, 'POST', '/api/exchange-rates', { ...body, rate: '1652.000', reason: 'Typing error in the first entry' });
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.json()).toMatchObject({ rate: '1652', reason: 'Typing error in the first entry' });
    const now = await call(fin, 'GET', '/api/exchange-rates/in-force?from=EUR&to=NGN&day=2026-10-15');
    expect(now.json()).toMatchObject({ rate: '1652', path: 'direct', rateIds: [fixed.json().id] });
    const rows = await db.selectFrom('exchange_rate').select('rate').where('to_currency', '=', 'NGN').execute();
    expect(rows).toHaveLength(2);
    await expect(db.updateTable('exchange_rate').set({ rate: '1' }).where('to_currency', '=', 'NGN').execute()).rejects.toThrow(/never changed/);
    await expect(db.deleteFrom('exchange_rate').where('to_currency', '=', 'NGN').execute()).rejects.toThrow(/never changed/);
  });

  it('refuses bad input with 4xx', async () => {
    const base = { fromCurrency: 'EUR', toCurrency: 'USD', rate: '1.08', effectiveFrom: '2026-10-01' };
    for (const bad of [{ rate: '1,08' }, { rate: '-1' }, { rate: '0' }, { rate: 1.08 }, { toCurrency: 'EUR' }, { fromCurrency: 'XAU' }, { effectiveFrom: '2026-02-30' }, { extra: 1 }]) {
      const res = await call(fin, 'POST', '/api/exchange-rates', { ...base, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await call(cw, 'POST', '/api/exchange-rates', base)).statusCode).toBe(403);
    expect((await call(cw, 'GET', '/api/exchange-rates')).statusCode).toBe(403);
    expect((await call(me, 'GET', '/api/exchange-rates')).statusCode).toBe(200);
  });

  it('finds the rate in force on a day, directly or through USD, and says when there is none', async () => {
    // From the imported file: USD->EUR 0.92 from 2026-10-01, 0.93 from 2026-11-01; USD->IQD 1310.5.
    const oct = await call(fin, 'GET', '/api/exchange-rates/in-force?from=EUR&to=IQD&day=2026-10-31');
    expect(oct.statusCode, oct.body).toBe(200);
    expect(oct.json()).toMatchObject({ rate: '1424.456521739130434783', path: 'usd' });
    expect(oct.json().rateIds).toHaveLength(2);
    const nov = await rateOn(db, 'EUR', 'IQD', '2026-11-02');
    expect(nov.rate).toBe('1409.13978494623655914');
    // 100.00 EUR -> IQD at that rate: 140,913.978 IQD (3 decimals)
    expect(convertMinor(10000, 'EUR', 'IQD', nov.rate)).toBe(140913978);
    expect((await rateOn(db, 'IQD', 'USD', '2026-10-02')).path).toBe('inverse');
    expect((await rateOn(db, 'EUR', 'EUR', '2026-10-02')).rate).toBe('1');
    const none = await call(fin, 'GET', '/api/exchange-rates/in-force?from=EUR&to=IQD&day=2026-09-30');
    expect(none.statusCode).toBe(409);
    expect(none.json().error).toMatchObject({ code: 'EXCHANGE_RATE_MISSING', details: { from: 'EUR', to: 'IQD', day: '2026-09-30', missing: ['EUR', 'IQD'] } });
    expect((await call(fin, 'GET', '/api/exchange-rates/in-force?from=EUR&to=AFN&day=2026-10-05')).json().error.details.missing).toEqual(['AFN']);
  });
});

describe('budget lines and the ledger', () => {
  let projectId = '';
  const line = (over: Record<string, unknown> = {}) => ({
    code: 'BL-01', name: 'Cash on arrival', componentTypes: ['cash_allowance'], donor: 'European Union AMIF', amountMinor: 1_000_000, currency: 'EUR', ...over,
  });

  it('creates budget lines for a project’s donors, with ETag; edits with If-Match', async () => {
    const p = await call(pm, 'POST', '/api/projects', {
      code: `FIN-${Date.now().toString(36)}`, name: 'Returns to Iraq', donors: [{ name: 'European Union AMIF', sharePercent: 80 }, { name: 'Ministry', sharePercent: 20 }],
      hostCountries: ['BE'], returnCountries: ['IQ'], startsOn: '2026-01-01', endsOn: '2027-12-31', budgetMinor: 5_000_000, currency: 'EUR', status: 'active',
    });
    expect(p.statusCode, p.body).toBe(201);
    projectId = p.json().id;
    const res = await call(pm, 'POST', `/api/projects/${projectId}/budget-lines`, line());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(res.headers.etag).toBe(`"${created.id}.1"`);
    expect(created).toMatchObject({ code: 'BL-01', amountMinor: 1_000_000, committedMinor: 0, disbursedMinor: 0, remainingMinor: 1_000_000, version: 1 });
    expect((await call(pm, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'bl-01' }))).json().error.code).toBe('BUDGET_LINE_CODE_TAKEN');
    expect((await call(pm, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'BL-02', donor: 'Someone else' }))).json().error.code).toBe('BUDGET_LINE_DONOR_UNKNOWN');
    expect((await call(pm, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'BL-02', componentTypes: ['cash'] }))).statusCode).toBe(400);
    expect((await call(pm, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'BL-02', componentTypes: [] }))).statusCode).toBe(400);
    expect((await call(pm, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'BL-02', amountMinor: 10.5 }))).statusCode).toBe(400);
    expect((await call(pm, 'POST', `/api/projects/${crypto.randomUUID()}/budget-lines`, line({ code: 'BL-02' }))).json().error.code).toBe('BUDGET_PROJECT_NOT_FOUND');
    expect((await call(cw, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'BL-02' }))).statusCode).toBe(403);
    const second = await call(fin, 'POST', `/api/projects/${projectId}/budget-lines`, line({ code: 'BL-02', name: 'Training', componentTypes: ['vocational_training', 'on_the_job_training'], donor: 'Ministry', amountMinor: 500_000 }));
    expect(second.statusCode, second.body).toBe(201);

    const get = await call(fin, 'GET', `/api/budget-lines/${created.id}`);
    expect(get.headers.etag).toBe(`"${created.id}.1"`);
    expect((await call(pm, 'PUT', `/api/budget-lines/${created.id}`, line({ amountMinor: 1_200_000 }))).statusCode).toBe(428);
    expect((await call(pm, 'PUT', `/api/budget-lines/${created.id}`, line({ amountMinor: 1_200_000 }), { 'if-match': `"${created.id}.0"` })).statusCode).toBe(412);
    const edited = await call(pm, 'PUT', `/api/budget-lines/${created.id}`, line({ amountMinor: 1_200_000 }), { 'if-match': get.headers.etag as string });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ amountMinor: 1_200_000, remainingMinor: 1_200_000, version: 2 });
    const ev = await db.selectFrom('audit_event').select(['event', 'before', 'after']).where('entity_id', '=', created.id).orderBy('id').execute();
    expect(ev.map((e) => e.event)).toEqual(['budget_line.created', 'budget_line.updated']);
    expect(ev[1]).toMatchObject({ before: { amountMinor: 1_000_000 }, after: { amountMinor: 1_200_000 } });
  });

  it('sums the ledger into the budget view; refuses over-commitment unless a finance officer overrides with a reason, audited', async () => {
    const budget = async () => (await call(me, 'GET', `/api/projects/${projectId}/budget`)).json();
    const first = (await budget()).lines.find((l: { code: string }) => l.code === 'BL-01');
    const officer = actorOf(team.users.caseworker.id, ['case.read']);
    const finance = actorOf(team.users.finance_officer.id, ['finance.manage', 'finance.override']);
    const ctx = (actor: Actor) => ({ actor, db, clock });
    const lineId = first.id as string;

    await commit({ budgetLineId: lineId, amountMinor: 700_000, currency: 'EUR', reference: 'Plan 1' }, ctx(officer));
    // In the caller's transaction: a commitment rolled back with it leaves nothing behind.
    await expect(db.transaction().execute(async (trx) => {
      await commit({ budgetLineId: lineId, amountMinor: 100_000, currency: 'EUR' }, { actor: officer, db: trx as never, clock });
      throw new Error('the plan approval failed');
    })).rejects.toThrow('the plan approval failed');
    await recordDisbursement({ budgetLineId: lineId, amountMinor: 300_000, currency: 'EUR', reference: 'Tranche 1' }, ctx(officer));
    await release({ budgetLineId: lineId, amountMinor: 50_000, currency: 'EUR' }, ctx(officer));
    await recordDisbursement({ budgetLineId: lineId, amountMinor: 20_000, currency: 'EUR' }, ctx(officer));
    await reverseDisbursement({ budgetLineId: lineId, amountMinor: 20_000, currency: 'EUR' }, ctx(officer));
    let view = (await budget()).lines.find((l: { id: string }) => l.id === lineId);
    expect(view).toMatchObject({ amountMinor: 1_200_000, committedMinor: 650_000, disbursedMinor: 300_000, remainingMinor: 550_000 });

    await expect(commit({ budgetLineId: lineId, amountMinor: 10_000, currency: 'USD' }, ctx(officer))).rejects.toMatchObject({ code: 'BUDGET_CURRENCY_MISMATCH' });
    await expect(commit({ budgetLineId: lineId, amountMinor: 600_000, currency: 'EUR' }, ctx(officer))).rejects.toMatchObject({ code: 'BUDGET_OVERCOMMITTED', status: 409, details: { remainingMinor: 550_000 } });
    await expect(commit({ budgetLineId: lineId, amountMinor: 600_000, currency: 'EUR', overrideReason: 'Urgent medical need' }, ctx(officer))).rejects.toMatchObject({ code: 'BUDGET_OVERRIDE_FORBIDDEN', status: 403 });
    await expect(release({ budgetLineId: lineId, amountMinor: 700_000, currency: 'EUR' }, ctx(officer))).rejects.toMatchObject({ code: 'BUDGET_RELEASE_EXCEEDS_COMMITTED' });
    const over = await commit({ budgetLineId: lineId, amountMinor: 600_000, currency: 'EUR', overrideReason: 'Urgent medical need' }, ctx(finance));
    expect(over.overridden).toBe(true);
    view = (await budget()).lines.find((l: { id: string }) => l.id === lineId);
    expect(view).toMatchObject({ committedMinor: 1_250_000, remainingMinor: -50_000 });
    const entry = await db.selectFrom('budget_entry').select(['override_reason', 'entered_by']).where('id', '=', over.id).executeTakeFirstOrThrow();
    expect(entry).toEqual({ override_reason: 'Urgent medical need', entered_by: team.users.finance_officer.id });
    const audited = await db.selectFrom('audit_event').select(['after', 'actor_id']).where('event', '=', 'budget_entry.recorded').where('entity_id', '=', lineId).orderBy('id').execute();
    expect(audited).toHaveLength(6);
    expect(audited[5]).toMatchObject({ actor_id: team.users.finance_officer.id, after: { kind: 'commitment', amountMinor: 600_000, overridden: true, overrideReason: 'Urgent medical need', remainingMinorBefore: 550_000 } });
    await expect(db.updateTable('budget_entry').set({ amount_minor: 1 }).where('id', '=', over.id).execute()).rejects.toThrow(/never changed/);

    // The budget may not fall below what is used; the currency of a line with entries stays.
    const etag = (await call(pm, 'GET', `/api/budget-lines/${lineId}`)).headers.etag as string;
    expect((await call(pm, 'PUT', `/api/budget-lines/${lineId}`, line({ amountMinor: 1_000_000 }), { 'if-match': etag })).json().error.code).toBe('BUDGET_LINE_BELOW_USED');
    expect((await call(pm, 'PUT', `/api/budget-lines/${lineId}`, line({ amountMinor: 2_000_000, currency: 'USD' }), { 'if-match': etag })).json().error.code).toBe('BUDGET_LINE_CURRENCY_LOCKED');
    expect((await call(cw, 'GET', `/api/projects/${projectId}/budget`)).statusCode).toBe(403);
  });
});
