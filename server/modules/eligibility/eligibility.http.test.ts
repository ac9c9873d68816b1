import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db } = t;

let seq = 0;
const projectInput = (over: Record<string, unknown> = {}) => ({
  code: `P-${Date.now().toString(36)}-${seq++}`,
  name: 'Returns to Iraq',
  donors: [{ name: 'European Union AMIF', sharePercent: 75 }, { name: 'Federal Ministry', sharePercent: 25 }],
  hostCountries: ['DE'],
  returnCountries: ['IQ', 'AF'],
  startsOn: '2026-01-01',
  endsOn: '2027-12-31',
  budgetMinor: 150000000,
  currency: 'EUR',
  status: 'active',
  ...over,
});
const rules = (over: Record<string, unknown> = {}) => ({
  criteria: { legalStatuses: ['asylum_rejected', 'irregular_stay'], returnCountries: ['IQ'], principalAge: { min: 18, max: null }, ...over },
  entitlements: {
    currency: 'EUR',
    components: [
      { component: 'travel', perPersonMinor: 0, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] },
      { component: 'reintegration_cash', perPersonMinor: null, perAdultMinor: 100000, perChildMinor: 50000, householdCapMinor: 150000, overrides: [] },
    ],
  },
});

const team = await officeWith(['caseworker', 'office_manager', 'programme_manager', 'counsellor'], { country: 'DE' });
const pm = team.users.programme_manager.session;
const cw = team.users.caseworker.session;
const mgr = team.users.office_manager.session;

async function project(over: Record<string, unknown> = {}, withRules: Record<string, unknown> | null = {}) {
  const res = await call(pm, 'POST', '/api/projects', projectInput(over));
  expect(res.statusCode, res.body).toBe(201);
  const p = res.json();
  if (withRules) {
    const draft = await call(pm, 'POST', `/api/projects/${p.id}/rules`, { rules: rules(withRules) });
    expect(draft.statusCode, draft.body).toBe(201);
    const pub = await call(pm, 'POST', `/api/eligibility-rules/${draft.json().id}/publish`, undefined, { 'if-match': draft.headers.etag as string });
    expect(pub.statusCode, pub.body).toBe(200);
  }
  return p as { id: string; code: string };
}
async function register(s: Session = cw, body: Record<string, unknown> = householdInput()) {
  const res = await call(s, 'POST', '/api/cases', body);
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, etag: res.headers.etag as string, body: res.json() };
}
async function assign(caseId: string, projectId: string | null, s: Session = cw) {
  const c = await call(s, 'GET', `/api/cases/${caseId}`);
  return call(s, 'PUT', `/api/cases/${caseId}/project`, { projectId }, { 'if-match': c.headers.etag as string });
}

describe('projects', () => {
  it('creates a project with donors and shares, lists and updates it with If-Match, audited', async () => {
    const p = await project({}, null);
    expect(p).toMatchObject({ donors: [{ name: 'European Union AMIF', sharePercent: 75 }, { name: 'Federal Ministry', sharePercent: 25 }], budgetMinor: 150000000, status: 'active', version: 1 });
    const list = await call(pm, 'GET', '/api/projects');
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    const stale = await call(pm, 'PUT', `/api/projects/${p.id}`, projectInput({ code: p.code, status: 'closed' }), { 'if-match': `"${p.id}.0"` });
    expect(stale.statusCode).toBe(412);
    const ok = await call(pm, 'PUT', `/api/projects/${p.id}`, projectInput({ code: p.code, status: 'closed', donors: [{ name: 'European Union AMIF', sharePercent: 100 }] }), { 'if-match': `"${p.id}.1"` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'closed', version: 2, donors: [{ sharePercent: 100 }] });
    const events = await db.selectFrom('audit_event').select('event').where('entity_id', '=', p.id).execute();
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['project.created', 'project.updated']));
  });

  it('refuses shares above 100%, unknown codes, a duplicate code, an inverted period', async () => {
    const over = await call(pm, 'POST', '/api/projects', projectInput({ donors: [{ name: 'A', sharePercent: 60 }, { name: 'B', sharePercent: 40.01 }] }));
    expect(over.json().error.code).toBe('PROJECT_DONOR_SHARES_EXCEED');
    expect((await call(pm, 'POST', '/api/projects', projectInput({ currency: 'XYZ' }))).json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'currency' } });
    expect((await call(pm, 'POST', '/api/projects', projectInput({ returnCountries: ['XX'] }))).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call(pm, 'POST', '/api/projects', projectInput({ endsOn: '2025-01-01' }))).json().error.code).toBe('PROJECT_PERIOD_INVALID');
    const p = await project({}, null);
    const dup = await call(pm, 'POST', '/api/projects', projectInput({ code: p.code }));
    expect(dup.statusCode).toBe(409);
  });

  it('shows case staff only active projects, and only project managers may write', async () => {
    const draft = await project({ status: 'draft' }, null);
    const active = await project({}, null);
    const ids = (await call(cw, 'GET', '/api/projects')).json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(active.id);
    expect(ids).not.toContain(draft.id);
    expect((await call(cw, 'GET', `/api/projects/${draft.id}`)).statusCode).toBe(404);
    expect((await call(cw, 'POST', '/api/projects', projectInput())).statusCode).toBe(403);
    expect((await call(cw, 'GET', `/api/projects/${active.id}/rules`)).statusCode).toBe(403);
  });
});

describe('rules versions', () => {
  it('edits a draft, publishes it, never changes a published version, and starts the next draft as a copy', async () => {
    const p = await project({}, null);
    const d1 = await call(pm, 'POST', `/api/projects/${p.id}/rules`, {});
    expect(d1.statusCode, d1.body).toBe(201);
    expect(d1.json()).toMatchObject({ rulesVersion: 1, status: 'draft', entitlements: { components: [{ component: 'travel' }] } });
    const second = await call(pm, 'POST', `/api/projects/${p.id}/rules`, {});
    expect(second.json().error.code).toBe('RULES_DRAFT_EXISTS');
    const edited = await call(pm, 'PUT', `/api/eligibility-rules/${d1.json().id}`, rules(), { 'if-match': d1.headers.etag as string });
    expect(edited.statusCode, edited.body).toBe(200);
    const pub = await call(pm, 'POST', `/api/eligibility-rules/${d1.json().id}/publish`, undefined, { 'if-match': edited.headers.etag as string });
    expect(pub.json()).toMatchObject({ status: 'published', rulesVersion: 1 });
    const change = await call(pm, 'PUT', `/api/eligibility-rules/${d1.json().id}`, rules({ maxMembers: 2 }), { 'if-match': pub.headers.etag as string });
    expect(change.statusCode).toBe(409);
    expect(change.json().error.code).toBe('RULES_PUBLISHED_IMMUTABLE');
    await expect(db.updateTable('eligibility_rules').set({ notes: 'x' }).where('id', '=', d1.json().id).execute()).rejects.toThrow(/published/);
    const d2 = await call(pm, 'POST', `/api/projects/${p.id}/rules`, {});
    expect(d2.json()).toMatchObject({ rulesVersion: 2, status: 'draft', criteria: { legalStatuses: ['asylum_rejected', 'irregular_stay'] } });
    const list = await call(pm, 'GET', `/api/projects/${p.id}/rules`);
    expect(list.json().items.map((r: { rulesVersion: number; status: string }) => `${r.rulesVersion}:${r.status}`)).toEqual(['2:draft', '1:published']);
  });

  it('refuses invalid rules with coded errors', async () => {
    const p = await project({}, null);
    const dupComp = rules();
    dupComp.entitlements.components.push({ ...dupComp.entitlements.components[0] });
    expect((await call(pm, 'POST', `/api/projects/${p.id}/rules`, { rules: dupComp })).json().error.code).toBe('RULES_COMPONENT_DUPLICATE');
    expect((await call(pm, 'POST', `/api/projects/${p.id}/rules`, { rules: rules({ principalAge: { min: 60, max: 18 } }) })).json().error.code).toBe('RULES_RANGE_INVALID');
    expect((await call(pm, 'POST', `/api/projects/${p.id}/rules`, { rules: rules({ colour: 'blue' }) })).json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('assigning a case to a project', () => {
  it('accepts an active project covering the office country and the country of return (If-Match), refuses others with codes', async () => {
    const c = await register();
    const good = await project({}, null);
    const draft = await project({ status: 'draft' }, null);
    const otherHost = await project({ hostCountries: ['BE'] }, null);
    const otherReturn = await project({ returnCountries: ['AF'] }, null);
    expect((await assign(c.id, draft.id)).json().error.code).toBe('PROJECT_NOT_ACTIVE');
    expect((await assign(c.id, otherHost.id)).json().error.code).toBe('PROJECT_HOST_COUNTRY_NOT_COVERED');
    expect((await assign(c.id, otherReturn.id)).json().error.code).toBe('PROJECT_RETURN_COUNTRY_NOT_COVERED');
    const noIfMatch = await call(cw, 'PUT', `/api/cases/${c.id}/project`, { projectId: good.id });
    expect(noIfMatch.statusCode).toBe(428);
    const ok = await assign(c.id, good.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toMatch(/\.2"$/);
    const view = await call(cw, 'GET', `/api/cases/${c.id}/eligibility`);
    expect(view.json()).toMatchObject({ project: { id: good.id }, status: 'none', hostCountry: 'DE' });
    const events = await db.selectFrom('audit_event').select('event').where('case_id', '=', c.id).execute();
    expect(events.map((e) => e.event)).toContain('case.project.assigned');
  });

  it('records the host arrival date with If-Match, audited, never in the future', async () => {
    const c = await register();
    const future = await call(cw, 'PUT', `/api/cases/${c.id}/host-arrival-date`, { hostArrivalDate: '2030-01-01' }, { 'if-match': c.etag });
    expect(future.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'hostArrivalDate' } });
    const ok = await call(cw, 'PUT', `/api/cases/${c.id}/host-arrival-date`, { hostArrivalDate: '2022-06-01' }, { 'if-match': c.etag });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await call(cw, 'GET', `/api/cases/${c.id}/eligibility`)).json().hostArrivalDate).toBe('2022-06-01');
    const stale = await call(cw, 'PUT', `/api/cases/${c.id}/host-arrival-date`, { hostArrivalDate: null }, { 'if-match': c.etag });
    expect(stale.statusCode).toBe(412);
    const ev = await db.selectFrom('audit_event').select(['event', 'after']).where('case_id', '=', c.id).where('event', '=', 'case.host_arrival.updated').executeTakeFirstOrThrow();
    expect(ev.after).toEqual({ hostArrivalDate: '2022-06-01' });
  });
});

describe('checking a case', () => {
  it('counts a person\'s earlier departure that a case keeps without a move to departed (an imported history)', async () => {
    // An earlier case of the person, as an import leaves one: in its final stage with its departure day, no move to departed.
    const earlier = await register();
    await db.updateTable('return_case').set({ stage: 'closed', departed_on: '2025-06-01', legacy_source: 'eligibility-history', legacy_id: 'F-1' })
      .where('id', '=', earlier.id).execute();
    const person = (await db.selectFrom('return_case').select('principal_person_id').where('id', '=', earlier.id).executeTakeFirstOrThrow()).principal_person_id!;
    const c = await register();
    await db.insertInto('case_member').values({ case_id: c.id, person_id: person, relationship: 'spouse', position: 5 }).execute();
    const p = await project({}, { previousAssistance: { mode: 'never', years: null } });
    await assign(c.id, p.id);
    const res = await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().check.criteria).toContainEqual({ criterion: 'previousAssistance', passed: false, code: 'previousAssistance.found', params: { date: '2025-06-01' } });
  });

  it('needs a project with published rules', async () => {
    const c = await register();
    expect((await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`)).json().error.code).toBe('ELIGIBILITY_NO_PROJECT');
    const p = await project({}, null);
    await assign(c.id, p.id);
    expect((await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`)).json().error.code).toBe('ELIGIBILITY_NO_RULES');
  });

  it('stores the outcome with a reason per criterion, the capped entitlement and the rules version; a confirmer confirms', async () => {
    const c = await register(cw, householdInput({ members: [
      { relationship: 'spouse', person: { givenName: 'Fatima', familyName: 'Al-Hassan', sex: 'female', birthDate: '1990-01-01', nationality: 'IQ' } },
      { relationship: 'child', person: { givenName: 'Omar', familyName: 'Al-Hassan', sex: 'male', birthDate: '2016-02-02', nationality: 'IQ' } },
    ] }));
    const p = await project();
    await assign(c.id, p.id);
    const res = await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`);
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json().check;
    expect(res.json().status).toBe('unconfirmed');
    expect(check).toMatchObject({ outcome: 'eligible', rulesVersion: 1, projectId: p.id, outdated: false });
    expect(check.criteria).toEqual([
      { criterion: 'legalStatus', passed: true, code: 'legalStatus.allowed', params: { status: 'asylum_rejected', allowed: 'asylum_rejected, irregular_stay' } },
      { criterion: 'countryOfReturn', passed: true, code: 'countryOfReturn.covered', params: { country: 'IQ', allowed: 'IQ' } },
      { criterion: 'principalAge', passed: true, code: 'principalAge.within', params: { age: 37, min: 18, max: '—' } },
    ]);
    const cash = check.entitlement.components.find((x: { component: string }) => x.component === 'reintegration_cash');
    expect(cash).toMatchObject({ beforeCapMinor: 250000, capMinor: 150000, capped: true, totalMinor: 150000 });
    expect(check.entitlement.householdTotalMinor).toBe(150000);
    expect(check.entitlement.members.map((m: { child: boolean }) => m.child)).toEqual([false, false, true]);
    const row = await db.selectFrom('eligibility_check').selectAll().where('id', '=', check.id).executeTakeFirstOrThrow();
    expect(row.facts_hash).toMatch(/^[0-9a-f]{64}$/);
    // The entitlement in typed columns, summable by reports: the members' capped amounts add up.
    expect({ currency: row.currency, total: Number(row.household_total_minor) }).toEqual({ currency: check.entitlement.currency, total: 150000 });
    const typed = await db.selectFrom('eligibility_check_amount').select(['component', 'currency']).select((eb) => eb.fn.sum<string>('amount_minor').as('sum'))
      .where('check_id', '=', check.id).groupBy(['component', 'currency']).orderBy('component').execute();
    expect(typed.map((r) => [r.component, r.currency, Number(r.sum)])).toEqual(
      check.entitlement.components.map((x: { component: string; totalMinor: number }) => [x.component, check.entitlement.currency, x.totalMinor])
        .sort((a: string[], b: string[]) => a[0]!.localeCompare(b[0]!)),
    );
    expect((row.facts as { legalStatus: string }).legalStatus).toBe('asylum_rejected');

    expect((await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' })).statusCode).toBe(403);
    const confirmed = await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', check: { finalOutcome: 'eligible', overrideReason: null } });
    const again = await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' });
    expect(again.json().error.code).toBe('ELIGIBILITY_CHECK_CONFIRMED');
    const { eligibilityStatus } = await import('./index.js');
    expect(await eligibilityStatus(db, c.id)).toMatchObject({ status: 'confirmed', outcome: 'eligible', checkId: check.id, entitlement: { householdTotalMinor: 150000 } });
  });

  it('reports failing criteria and an override needs a reason, audited', async () => {
    const c = await register(cw, householdInput({ legalStatus: 'regular_stay' }));
    const p = await project();
    await assign(c.id, p.id);
    const check = (await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`)).json().check;
    expect(check.outcome).toBe('ineligible');
    expect(check.criteria[0]).toMatchObject({ criterion: 'legalStatus', passed: false, code: 'legalStatus.notAllowed', params: { status: 'regular_stay' } });
    const noReason = await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' });
    expect(noReason.json().error).toMatchObject({ code: 'ELIGIBILITY_OVERRIDE_REASON_REQUIRED', details: { field: 'overrideReason' } });
    const over = await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible', overrideReason: 'Residence permit expires next month.' });
    expect(over.statusCode, over.body).toBe(200);
    expect(over.json().check).toMatchObject({ outcome: 'ineligible', finalOutcome: 'eligible', overrideReason: 'Residence permit expires next month.' });
    const ev = await db.selectFrom('audit_event').select(['event', 'after']).where('case_id', '=', c.id).where('event', '=', 'eligibility.overridden').executeTakeFirstOrThrow();
    expect(ev.after).toMatchObject({ finalOutcome: 'eligible', overrideReason: 'Residence permit expires next month.' });
  });

  it('is outdated once a fact changes (a birth date through the person API), and an outdated check cannot be confirmed', async () => {
    const c = await register();
    const p = await project();
    await assign(c.id, p.id);
    const check = (await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`)).json().check;
    const spouse = c.body.members[1].person;
    const res = await call(cw, 'PATCH', `/api/cases/${c.id}/persons/${spouse.id}`, { birthDate: '2012-01-01' }, { 'if-match': `"${spouse.id}.${spouse.version}"` });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await call(cw, 'GET', `/api/cases/${c.id}/eligibility`)).json();
    expect(view).toMatchObject({ status: 'outdated', check: { id: check.id, outdated: true } });
    expect(view.check.outdatedAt).toBeTruthy();
    const refused = await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ELIGIBILITY_CHECK_OUTDATED');
    const fresh = (await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`)).json();
    expect(fresh.status).toBe('unconfirmed');
    expect(fresh.check.entitlement.members.map((m: { child: boolean }) => m.child)).toEqual([false, true]);
    const superseded = await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' });
    expect(superseded.json().error.code).toBe('ELIGIBILITY_CHECK_SUPERSEDED');
  });

  it('becomes outdated after a new vulnerability, and a confirmed check after a new host arrival date', async () => {
    const c = await register();
    const p = await project();
    await assign(c.id, p.id);
    await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`);
    const principal = c.body.members[0].person.id;
    await db.insertInto('vulnerability').values({ case_id: c.id, person_id: principal, category: 'elderly', identified_on: '2026-03-01', identified_by: team.users.caseworker.id, updated_at: new Date() }).execute();
    expect((await call(cw, 'GET', `/api/cases/${c.id}/eligibility`)).json().status).toBe('outdated');
    const check = (await call(cw, 'POST', `/api/cases/${c.id}/eligibility/checks`)).json().check;
    await call(mgr, 'POST', `/api/cases/${c.id}/eligibility/checks/${check.id}/confirm`, { finalOutcome: 'eligible' });
    const { eligibilityStatus } = await import('./index.js');
    expect((await eligibilityStatus(db, c.id)).status).toBe('confirmed');
    const etag = (await call(cw, 'GET', `/api/cases/${c.id}`)).headers.etag as string;
    await call(cw, 'PUT', `/api/cases/${c.id}/host-arrival-date`, { hostArrivalDate: '2021-01-01' }, { 'if-match': etag });
    expect((await eligibilityStatus(db, c.id)).status).toBe('outdated');
  });

  it('keeps cases of another office out of reach (404)', async () => {
    const c = await register();
    const other = await officeWith(['caseworker'], { country: 'DE' });
    expect((await call(other.users.caseworker.session, 'GET', `/api/cases/${c.id}/eligibility`)).statusCode).toBe(404);
    expect((await call(other.users.caseworker.session, 'POST', `/api/cases/${c.id}/eligibility/checks`)).statusCode).toBe(404);
  });
});
