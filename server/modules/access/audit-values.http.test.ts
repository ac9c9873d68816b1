import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

/**
 * What an audit reader sees of the values an entry recorded: only what they may read of that
 * case right now; otherwise the names of the fields that changed.
 */
const t = await testApp();
const { call, officeWith, fx, login } = t;

const SECRETS = {
  conditions: 'Insulin-dependent diabetes',
  medication: 'Insulin glargine',
  trafficking: 'Recruited by a trafficking network and held in Tripoli',
  note: 'Disclosed abuse by the smuggler during transit',
  document: 'A1234567',
  givenName: 'Mohammed',
  familyName: 'Al-Hassan',
  birthDate: '1988-04-12',
  script: 'محمد الحسن',
};
const NAMES = [SECRETS.givenName, SECRETS.familyName, SECRETS.birthDate, SECRETS.script];
const SENSITIVE = [SECRETS.conditions, SECRETS.medication, SECRETS.trafficking, SECRETS.note];

interface Item {
  event: string;
  changedFields: string[];
  withheldFields: string[];
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

const expectOk = <T = Record<string, unknown>>(res: { statusCode: number; body: string; json: () => T }, what: string): T => {
  if (res.statusCode >= 300) throw new Error(`${what} failed ${res.statusCode} ${res.body}`);
  return res.json();
};

/** A role made by the administrator, and a user of the office holding it, signed in. */
async function userWithRole(admin: Session, office: { id: string; organisationId: string }, permissions: string[]) {
  const key = `r_${randomBytes(5).toString('hex')}`;
  expectOk(await call(admin, 'POST', '/api/admin/roles', { key, name: `Role ${key}`, permissions, scope: 'office' }), 'role');
  const u = await fx.user({ roles: [key], organisationId: office.organisationId, officeId: office.id });
  return { ...u, session: await login(u.email, u.password) };
}

/**
 * An office whose staff record a household with an identity document, a health record, a
 * sensitive note and a vulnerability: the ordinary case (medical needs) and the restricted one
 * (a victim of trafficking).
 */
async function setting() {
  const o = await officeWith(['caseworker', 'counsellor', 'office_manager', 'administrator']);
  const { caseworker, counsellor, office_manager: manager, administrator } = o.users;
  const office = { id: o.office.id, organisationId: o.organisationId };
  const record = async (restricted: boolean) => {
    const c = expectOk<{ id: string; members: { person: { id: string } }[] }>(await call(caseworker.session, 'POST', '/api/cases', householdInput()), 'register');
    const principal = c.members[0].person.id;
    if (restricted) {
      expectOk(await call(caseworker.session, 'POST', `/api/cases/${c.id}/vulnerabilities`, { personId: principal, category: 'trafficking_victim', identifiedOn: '2026-03-02', details: SECRETS.trafficking }), 'screen');
    } else {
      expectOk(await call(caseworker.session, 'POST', `/api/cases/${c.id}/vulnerabilities`, { personId: principal, category: 'elderly', identifiedOn: '2026-03-02', details: SECRETS.trafficking }), 'screen');
    }
    // On a restricted case only the owner, assigned staff and supervisors act: the manager does.
    const clinician = restricted ? manager.session : counsellor.session;
    expectOk(await call(clinician, 'PUT', `/api/cases/${c.id}/persons/${principal}/health`, { conditions: SECRETS.conditions, medication: SECRETS.medication, fitToTravel: 'fit_with_escort' }), 'health');
    expectOk(await call(clinician, 'POST', `/api/cases/${c.id}/notes`, { body: SECRETS.note, sensitive: true }), 'note');
    return c.id;
  };
  const ordinary = await record(false);
  const restricted = await record(true);
  return { office, caseworker, counsellor, manager, administrator, ordinary, restricted };
}

const search = async (s: Session, caseId: string): Promise<Item[]> => {
  const res = await call(s, 'POST', '/api/admin/audit/search', { caseId, pageSize: 200 });
  expect(res.statusCode).toBe(200);
  return res.json().items;
};
const entry = (items: Item[], event: string) => {
  const found = items.find((i) => i.event === event);
  if (!found) throw new Error(`no ${event} in ${items.map((i) => i.event).join(', ')}`);
  return found;
};
const expectNone = (items: unknown, secrets: string[]) => {
  const text = JSON.stringify(items);
  for (const s of secrets) expect(text, s).not.toContain(s);
};

/** Who did what and when, and which fields: never the values. */
function expectOnlyFieldNames(items: Item[]) {
  expectNone(items, [...SENSITIVE, ...NAMES, SECRETS.document]);
  const created = entry(items, 'case.created');
  expect(created.changedFields).toEqual(expect.arrayContaining(['principal', 'members', 'legalStatus']));
  expect(created.withheldFields).toEqual(expect.arrayContaining(['principal', 'members', 'legalStatus']));
  expect('after' in created).toBe(false);
  const health = entry(items, 'health_record.saved');
  expect(health.changedFields).toEqual(expect.arrayContaining(['conditions', 'medication', 'fit_to_travel']));
  expect('after' in health).toBe(false);
  expect(entry(items, 'vulnerability.recorded').changedFields).toContain('details');
  expect(entry(items, 'case.note.added').changedFields).toEqual(expect.arrayContaining(['body', 'sensitive']));
}

describe('the audit search shows values only to who may read them', () => {
  it('gives the administrator (who may not open cases) the changed field names, never the values', async () => {
    const s = await setting();
    expect((await call(s.administrator.session, 'GET', `/api/cases/${s.ordinary}`)).statusCode).toBe(403);
    expectOnlyFieldNames(await search(s.administrator.session, s.ordinary));
    expectOnlyFieldNames(await search(s.administrator.session, s.restricted));
  });

  it('gives an office manager who audits without the sensitive rights no health, notes, trafficking details or document numbers', async () => {
    const s = await setting();
    const auditor = await userWithRole(s.administrator.session, s.office, ['audit.read', 'case.read']);
    // The restricted case does not exist for them: nothing of it.
    expect((await call(auditor.session, 'GET', `/api/cases/${s.restricted}`)).statusCode).toBe(404);
    expectOnlyFieldNames(await search(auditor.session, s.restricted));
    // The ordinary case they may open: names and the case's own fields, but not what needs a right.
    const items = await search(auditor.session, s.ordinary);
    expectNone(items, [SECRETS.conditions, SECRETS.medication, SECRETS.note, SECRETS.document]);
    const created = entry(items, 'case.created');
    expect(JSON.stringify(created.after)).toContain(SECRETS.familyName);
    expect(created.after).toMatchObject({ legalStatus: 'asylum_rejected' });
    const health = entry(items, 'health_record.saved');
    expect(health.withheldFields).toEqual(expect.arrayContaining(['conditions', 'medication']));
    const note = entry(items, 'case.note.added');
    expect(note.withheldFields).toEqual(['body']);
    expect(note.after).toEqual({ sensitive: true });
  });

  it('shows the values to a manager who may read them, with document numbers masked', async () => {
    const s = await setting();
    for (const id of [s.ordinary, s.restricted]) {
      const items = await search(s.manager.session, id);
      const text = JSON.stringify(items);
      for (const v of [...SENSITIVE, ...NAMES]) expect(text, v).toContain(v);
      expect(text).not.toContain(SECRETS.document);
      expect(JSON.stringify(entry(items, 'case.created').after)).toContain('••••567');
      expect(entry(items, 'health_record.saved').withheldFields).toEqual([]);
    }
  });
});

describe('the case history follows the same rule', () => {
  it('withholds from a case auditor the values of fields they may not read', async () => {
    const s = await setting();
    const auditor = await userWithRole(s.administrator.session, s.office, ['case.read', 'case.audit.read']);
    const history = expectOk<{ events: (Item & { changes?: { before: unknown; after: unknown } })[] }>(await call(auditor.session, 'GET', `/api/cases/${s.ordinary}/history`), 'history');
    expectNone(history.events, [SECRETS.conditions, SECRETS.medication, SECRETS.note, SECRETS.document]);
    const created = entry(history.events, 'case.created') as Item & { changes?: { after: unknown } };
    expect(JSON.stringify(created.changes?.after)).toContain(SECRETS.familyName);
    expect(entry(history.events, 'health_record.saved').withheldFields).toEqual(expect.arrayContaining(['conditions', 'medication']));
    expect(entry(history.events, 'case.note.added').withheldFields).toEqual(['body']);

    const full = expectOk<{ events: Item[] }>(await call(s.manager.session, 'GET', `/api/cases/${s.restricted}/history`), 'history');
    const text = JSON.stringify(full.events);
    for (const v of [...SENSITIVE, ...NAMES]) expect(text, v).toContain(v);
    expect(text).not.toContain(SECRETS.document);
  });
});
