import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ERASED_VALUE } from '../shared/crypto.js';
import { normaliseDocumentNumber } from '../shared/cases.js';
import { sealClearValues } from './jobs.js';
import { destroyPersonKey, documentNumberIndex } from './modules/cases/index.js';
import { MASTER_KEY_COLUMNS, rotateKeys } from './rotate-key.js';
import { householdInput, testApp, type Session } from './test-support/harness.js';
import { verifyAuditChain } from './platform/audit-chain.js';
import { FieldCipher, newSecretKey } from './platform/crypto.js';
import { openSealed, rotateMasterKey, usePersonKeyMaster } from './platform/person-keys.js';

const t = await testApp();
const { call, officeWith, db, ownerUrl } = t;

/**
 * Every row of the test database as text: `pg_dump` when the one on the PATH can dump this server,
 * otherwise (a newer embedded PostgreSQL) every row of every table of every schema, read as the owner.
 */
async function dumpDatabase(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('pg_dump', ['--dbname', ownerUrl], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    if (!/version mismatch|ENOENT/.test(String((err as { stderr?: string }).stderr ?? '') + String((err as Error).message))) throw err;
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`);
    const out: string[] = [];
    for (const tb of tables.rows) {
      const rows = await client.query<{ r: string }>(`SELECT t::text AS r FROM "${tb.schema}"."${tb.name}" t`);
      out.push(`-- ${tb.schema}.${tb.name}`, ...rows.rows.map((r) => r.r));
    }
    return out.join('\n');
  } finally {
    await client.end();
  }
}

const ok = async <T>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string): Promise<T> => {
  const r = await res;
  if (r.statusCode >= 300) throw new Error(`${what} failed ${r.statusCode} ${r.body}`);
  return r.json() as T;
};

/** A case of the manager's office with a health record, a vulnerability and a sensitive note carrying the canary. */
async function sensitiveCase(manager: Session, canary: string) {
  const c = await ok<{ id: string; members: { person: { id: string } }[] }>(call(manager, 'POST', '/api/cases', householdInput()), 'register');
  const principal = c.members[0]!.person.id;
  const spouse = c.members[1]!.person.id;
  await ok(call(manager, 'PUT', `/api/cases/${c.id}/persons/${principal}/health`, {
    conditions: `${canary} conditions`, medication: `${canary} medication`, travelNeeds: `${canary} wheelchair`, fitToTravel: 'fit_with_escort',
  }), 'health');
  await ok(call(manager, 'POST', `/api/cases/${c.id}/vulnerabilities`, { personId: spouse, category: 'pregnant', identifiedOn: '2026-03-02', details: `${canary} details` }), 'vulnerability');
  await ok(call(manager, 'POST', `/api/cases/${c.id}/notes`, { body: `${canary} note`, sensitive: true }), 'note');
  return { caseId: c.id, principal, spouse };
}

interface AuditItem { event: string; after?: Record<string, unknown> }
const auditAfter = async (s: Session, caseId: string, event: string) => {
  const page = await ok<{ items: AuditItem[] }>(call(s, 'POST', '/api/admin/audit/search', { caseId, pageSize: 200 }), 'audit search');
  return page.items.find((i) => i.event === event)?.after;
};

const what = async (s: Session, caseId: string) => {
  const protection = await ok<{ health: { conditions: string; medication: string; travelNeeds: string }[]; vulnerabilities: { details?: string }[] }>(
    call(s, 'GET', `/api/cases/${caseId}/protection`), 'protection');
  const notes = await ok<{ items: { body: string; sensitive: boolean }[] }>(call(s, 'GET', `/api/cases/${caseId}/notes`), 'notes');
  return { health: protection.health[0]!, vulnerability: protection.vulnerabilities[0]!, note: notes.items.find((n) => n.sensitive)! };
};

/**
 * A case with the fields sealed since migration 0066 carrying the canary, each written through the
 * API: a counselling session's notes and next steps, a special measure's notes, a visit's sensitive
 * notes, a travel document's number.
 */
async function moreSensitiveCase(manager: Session, counsellorId: string, officer: Session, canary: string) {
  const c = await ok<{ id: string; members: { person: { id: string } }[] }>(call(manager, 'POST', '/api/cases', householdInput()), 'register');
  const principal = c.members[0]!.person.id;
  const spouse = c.members[1]!.person.id;
  const session = await ok<{ id: string }>(call(manager, 'POST', `/api/cases/${c.id}/counselling-sessions`, {
    startsAt: '2026-03-01T10:00:00Z', mode: 'office', counsellorId, languages: ['ar'], topics: ['return_process'],
    notes: `${canary} counselling notes`, nextSteps: `${canary} next steps`, status: 'held',
  }), 'session');
  await ok(call(manager, 'POST', `/api/cases/${c.id}/measures`, { personId: spouse, kind: 'psychosocial_support', notes: `${canary} measure notes` }), 'measure');
  const doc = await ok<{ id: string }>(call(manager, 'POST', `/api/cases/${c.id}/travel/documents`, {
    personId: spouse, type: 'passport', number: `ZX${canary.slice(-8).toUpperCase()}`, issuingCountry: 'IQ', issuedOn: '2025-01-10', expiresOn: '2030-01-09', status: 'issued',
  }), 'travel document');
  // A case in monitoring with a planned visit (set up as the monitoring module would), recorded through the API.
  await db.updateTable('return_case').set({ stage: 'monitoring' }).where('id', '=', c.id).execute();
  await db.insertInto('monitoring_schedule').values({ case_id: c.id, anchor: 'arrival', anchor_date: '2026-02-20', offsets_months: [3], source: 'default' }).execute();
  const visit = await db.insertInto('monitoring_visit').values({ case_id: c.id, slot: 1, offset_months: 3, planned_on: '2026-05-20', updated_at: new Date() })
    .returning(['id', 'version']).executeTakeFirstOrThrow();
  await ok(call(officer, 'PUT', `/api/monitoring/visits/${visit.id}`, {
    method: 'phone', visitedOn: '2026-05-13', outcome: 'reached', componentUse: [], sensitiveNotes: `${canary} visit notes`, nextSteps: 'Call again.',
  }, { 'if-match': `"${visit.id}.${visit.version}"` }), 'visit');
  return { caseId: c.id, principal, spouse, sessionId: session.id, documentId: doc.id, documentNumber: `ZX${canary.slice(-8).toUpperCase()}` };
}

const moreSeen = async (manager: Session, officer: Session, caseId: string, documentId: string) => {
  const sessions = await ok<{ items: { notes?: string; nextSteps: string }[] }>(call(manager, 'GET', `/api/cases/${caseId}/counselling-sessions`), 'sessions');
  const protection = await ok<{ measures: { notes?: string | null }[] }>(call(manager, 'GET', `/api/cases/${caseId}/protection`), 'protection');
  const monitoring = await ok<{ visits: { sensitiveNotes?: string | null }[] }>(call(officer, 'GET', `/api/cases/${caseId}/monitoring`), 'monitoring');
  const number = await ok<{ number: string }>(call(manager, 'POST', `/api/cases/${caseId}/travel/documents/${documentId}/reveal`, {}), 'reveal');
  return { session: sessions.items[0]!, measure: protection.measures.find((m) => m.notes)!, visit: monitoring.visits.find((v) => v.sensitiveNotes)!, number: number.number };
};

describe('counselling, measure and visit notes and travel document numbers at rest (migration 0066)', () => {
  it('leave no trace in a dump, read in clear by an allowed reader, and as erased once the key is destroyed, in the audit trail too', async () => {
    const { users } = await officeWith(['office_manager', 'monitoring_officer']);
    const manager = users.office_manager!.session;
    const officer = users.monitoring_officer!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, principal, spouse, documentId, documentNumber } = await moreSensitiveCase(manager, users.office_manager!.id, officer, canary);

    const dump = await dumpDatabase();
    expect(dump).toContain(caseId);
    expect(dump).not.toContain(canary);
    expect(dump).not.toContain(documentNumber);

    const seen = await moreSeen(manager, officer, caseId, documentId);
    expect(seen.session).toMatchObject({ notes: `${canary} counselling notes`, nextSteps: `${canary} next steps` });
    expect(seen.measure.notes).toBe(`${canary} measure notes`);
    expect(seen.visit.sensitiveNotes).toBe(`${canary} visit notes`);
    expect(seen.number).toBe(documentNumber);
    expect(await auditAfter(manager, caseId, 'counselling.session.created')).toMatchObject({ nextSteps: `${canary} next steps` });
    expect(await auditAfter(manager, caseId, 'special_measure.created')).toMatchObject({ notes: `${canary} measure notes` });

    // The access bundle's reader sees them in clear while the key exists.
    const { counsellingSubjectRecords } = await import('./modules/counselling/index.js');
    const records = await counsellingSubjectRecords(db, { personId: principal, caseIds: [caseId] });
    expect(records.counselling_session[0]).toMatchObject({ notes: `${canary} counselling notes`, next_steps: `${canary} next steps` });

    await db.transaction().execute(async (trx) => {
      await destroyPersonKey(trx, principal, new Date());
      await destroyPersonKey(trx, spouse, new Date());
    });
    const erased = await moreSeen(manager, officer, caseId, documentId);
    expect(erased.session).toMatchObject({ notes: ERASED_VALUE, nextSteps: ERASED_VALUE });
    expect(erased.measure.notes).toBe(ERASED_VALUE);
    expect(erased.visit.sensitiveNotes).toBe(ERASED_VALUE);
    expect(erased.number).toBe(ERASED_VALUE);
    expect(await auditAfter(manager, caseId, 'counselling.session.created')).toMatchObject({ nextSteps: ERASED_VALUE });
    expect(await auditAfter(manager, caseId, 'special_measure.created')).toMatchObject({ notes: ERASED_VALUE });
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it('seal corrections, before and after, in the audit trail', async () => {
    const { users } = await officeWith(['office_manager', 'monitoring_officer']);
    const manager = users.office_manager!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, sessionId } = await moreSensitiveCase(manager, users.office_manager!.id, users.monitoring_officer!.session, canary);
    const session = await ok<{ items: { id: string; version: number }[] }>(call(manager, 'GET', `/api/cases/${caseId}/counselling-sessions`), 'sessions');
    await ok(call(manager, 'PATCH', `/api/cases/${caseId}/counselling-sessions/${sessionId}`, { nextSteps: `${canary} changed steps`, notes: `${canary} changed notes` },
      { 'if-match': `"${sessionId}.${session.items[0]!.version}"` }), 'session update');
    const measure = (await ok<{ measures: { id: string; version: number }[] }>(call(manager, 'GET', `/api/cases/${caseId}/protection`), 'protection')).measures[0]!;
    await ok(call(manager, 'PATCH', `/api/cases/${caseId}/measures/${measure.id}`, { notes: `${canary} changed measure` }, { 'if-match': `"${measure.id}.${measure.version}"` }), 'measure update');
    const stored = await db.selectFrom('audit_event').select(['before', 'after']).where('case_id', '=', caseId).where('event', 'in', ['counselling.session.updated', 'special_measure.updated']).execute();
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(canary);
    expect((await dumpDatabase())).not.toContain(canary);
    const history = await ok<{ events: { event: string; changes?: { before: Record<string, unknown>; after: Record<string, unknown> } }[] }>(call(manager, 'GET', `/api/cases/${caseId}/history`), 'history');
    expect(history.events.find((e) => e.event === 'special_measure.updated')!.changes).toMatchObject({ before: { notes: `${canary} measure notes` }, after: { notes: `${canary} changed measure` } });
    const seen = await ok<{ items: { notes?: string; nextSteps: string }[] }>(call(manager, 'GET', `/api/cases/${caseId}/counselling-sessions`), 'sessions');
    expect(seen.items[0]).toMatchObject({ notes: `${canary} changed notes`, nextSteps: `${canary} changed steps` });
  });

  it('stored in clear (or under the master key alone) before are sealed by the background job, once, and stay readable', async () => {
    const { users } = await officeWith(['office_manager', 'monitoring_officer']);
    const manager = users.office_manager!.session;
    const officer = users.monitoring_officer!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, sessionId, documentId, documentNumber } = await moreSensitiveCase(manager, users.office_manager!.id, officer, canary);
    // The values as Homeward stored them before migration 0066.
    await db.updateTable('counselling_session').set({ notes: `${canary} old notes`, next_steps: `${canary} old steps` }).where('id', '=', sessionId).execute();
    await db.updateTable('special_measure').set({ notes: `${canary} old measure` }).where('case_id', '=', caseId).execute();
    await db.updateTable('monitoring_visit').set({ sensitive_notes: `${canary} old visit` }).where('case_id', '=', caseId).where('status', '=', 'recorded').execute();
    await db.updateTable('travel_document').set({ number_encrypted: t.cipher.encrypt(documentNumber) }).where('id', '=', documentId).execute();
    expect(await dumpDatabase()).toContain(`${canary} old`);

    const first = await sealClearValues(db);
    expect(first).toMatchObject({ counsellingTexts: 2, measureNotes: 1, visitNotes: 1, travelDocumentNumbers: 1 });
    expect(await sealClearValues(db)).toMatchObject({ counsellingTexts: 0, measureNotes: 0, visitNotes: 0, travelDocumentNumbers: 0 });
    expect(await dumpDatabase()).not.toContain(`${canary} old`);
    const stored = await db.selectFrom('travel_document').select('number_encrypted').where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(stored.number_encrypted).toMatch(/^p1\./);

    const seen = await moreSeen(manager, officer, caseId, documentId);
    expect(seen.session).toMatchObject({ notes: `${canary} old notes`, nextSteps: `${canary} old steps` });
    expect(seen.measure.notes).toBe(`${canary} old measure`);
    expect(seen.visit.sensitiveNotes).toBe(`${canary} old visit`);
    expect(seen.number).toBe(documentNumber);
  });

  it('a rotation of the master key leaves the document numbers sealed per person readable', async () => {
    const { users } = await officeWith(['office_manager', 'monitoring_officer']);
    const manager = users.office_manager!.session;
    const officer = users.monitoring_officer!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, documentId, documentNumber } = await moreSensitiveCase(manager, users.office_manager!.id, officer, canary);
    const next = new FieldCipher(newSecretKey());
    await db.transaction().execute((trx) => rotateMasterKey(trx, t.cipher, next, MASTER_KEY_COLUMNS));
    usePersonKeyMaster(next);
    try {
      const seen = await moreSeen(manager, officer, caseId, documentId);
      expect(seen.number).toBe(documentNumber);
      expect(seen.session.nextSteps).toBe(`${canary} next steps`);
    } finally {
      // Back to the key of the other tests: every value under the new key goes back under it.
      await db.transaction().execute((trx) => rotateMasterKey(trx, next, t.cipher, MASTER_KEY_COLUMNS));
      usePersonKeyMaster(t.cipher);
    }
  });
});

/** A document number nobody else has, as typed (with a dash) and as a search compares it. */
const canaryNumber = () => {
  const digits = randomUUID().replace(/\D/g, '').padEnd(9, '7').slice(0, 9);
  return { typed: `QZ-${digits}`, normalised: `QZ${digits}` };
};

interface PersonView { id: string; version: number; documents: { type: string; number: string; issuingCountry: string | null }[] }
const principalOf = async (s: Session, caseId: string) =>
  (await ok<{ members: { isPrincipal: boolean; person: PersonView }[] }>(call(s, 'GET', `/api/cases/${caseId}`), 'case')).members.find((m) => m.isPrincipal)!.person;
const searchIds = async (s: Session, q: string) =>
  (await ok<{ items: { id: string }[] }>(call(s, 'POST', '/api/cases/search', { q }), 'search')).items.map((c) => c.id);

describe('names and other identifying values in the audit trail', () => {
  it('are sealed for their person: read opened by a reader of the trail, absent from the stored entries, erased with the person’s key', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const canary = () => `Zq${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const [given, spouse, added, family, corrected, phone] = [canary(), canary(), canary(), canary(), canary(), `+4917${Date.now() % 1e8}`];
    const input = householdInput();
    const c = await ok<{ id: string; members: { person: { id: string } }[] }>(call(manager, 'POST', '/api/cases', {
      ...input,
      principal: { ...input.principal, givenName: given, familyName: family, phone },
      members: [{ relationship: 'spouse', person: { ...input.members[0]!.person, givenName: spouse } }],
    }), 'register');
    const principal = c.members[0]!.person.id;
    const etag = (await call(manager, 'GET', `/api/cases/${c.id}`)).headers.etag as string;
    await ok(call(manager, 'POST', `/api/cases/${c.id}/members`,
      { relationship: 'child', person: { givenName: added, familyName: 'Al-Hassan', sex: 'female', birthDate: '2015-05-05', nationality: 'IQ' } },
      { 'if-match': etag }), 'add a member');
    const person = await principalOf(manager, c.id);
    await ok(call(manager, 'PATCH', `/api/cases/${c.id}/persons/${principal}`, { familyName: corrected }, { 'if-match': `"${principal}.${person.version}"` }), 'correct the name');

    // As stored: none of the values in clear, each sealed for its own person.
    const stored = await db.selectFrom('audit_event').select(sql<string>`concat_ws(' ', before::text, after::text, details::text)`.as('text'))
      .where('case_id', '=', c.id).execute();
    const text = stored.map((r) => r.text).join('\n');
    for (const v of [given, spouse, added, family, corrected, phone, '1988-04-12']) expect(text).not.toContain(v);
    expect(text).toContain(`p1.${principal}.`);

    // A reader of the trail reads them opened.
    type Entry = { event: string; before?: Record<string, unknown>; after?: Record<string, unknown> };
    const trail = async () => (await ok<{ items: Entry[] }>(call(manager, 'POST', '/api/admin/audit/search', { caseId: c.id, pageSize: 200 }), 'audit search')).items;
    const created = () => trail().then((items) => items.find((i) => i.event === 'case.created')!.after as { principal: Record<string, unknown>; members: { person: Record<string, unknown> }[] });
    expect((await created()).principal).toMatchObject({ givenName: given, familyName: family, phone, birthDate: '1988-04-12', sex: 'male', nationality: 'IQ' });
    expect((await created()).principal.documents).toMatchObject([{ type: 'passport', number: '••••567' }]);
    expect((await created()).members[0]!.person).toMatchObject({ givenName: spouse });
    const items = await trail();
    expect(items.find((i) => i.event === 'case.member.added')!.after).toMatchObject({ person: { givenName: added } });
    const updated = items.find((i) => i.event === 'person.updated')!;
    expect(updated.before).toEqual({ familyName: family });
    expect(updated.after).toEqual({ familyName: corrected });

    // The principal applicant's key destroyed: their values read as erased wherever the trail holds them; the spouse's stay.
    await db.transaction().execute((trx) => destroyPersonKey(trx, principal, new Date()));
    const after = await created();
    expect(after.principal).toMatchObject({ givenName: ERASED_VALUE, familyName: ERASED_VALUE, phone: ERASED_VALUE, birthDate: ERASED_VALUE, sex: 'male' });
    expect(after.members[0]!.person).toMatchObject({ givenName: spouse });
    const corrections = (await trail()).find((i) => i.event === 'person.updated')!;
    expect([corrections.before, corrections.after]).toEqual([{ familyName: ERASED_VALUE }, { familyName: ERASED_VALUE }]);
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });
});

// Before the block below, whose last test leaves the person keys of its time under a key it forgets.
describe('identity document numbers at rest (blind index, migration 0070)', () => {
  async function caseWithNumber(manager: Session, typed: string) {
    const input = householdInput();
    const c = await ok<{ id: string; members: { person: { id: string } }[] }>(call(manager, 'POST', '/api/cases', {
      ...input, principal: { ...input.principal, documents: [{ type: 'passport', number: typed, issuingCountry: 'IQ' }] },
    }), 'register');
    return { caseId: c.id, principal: c.members[0]!.person.id };
  }

  it('leave no trace in a dump, are read in clear by the case, found by a search, and read as erased once the key is destroyed, the audit too', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const first = canaryNumber();
    const second = canaryNumber();
    const { caseId, principal } = await caseWithNumber(manager, first.typed);
    // A correction: the audit entry holds the numbers before and after.
    const person = await principalOf(manager, caseId);
    await ok(call(manager, 'PATCH', `/api/cases/${caseId}/persons/${principal}`, { documents: [{ type: 'passport', number: second.typed, issuingCountry: 'IQ' }] },
      { 'if-match': `"${principal}.${person.version}"` }), 'correct the number');

    const dump = await dumpDatabase();
    for (const n of [first.typed, first.normalised, second.typed, second.normalised]) expect(dump).not.toContain(n);
    const stored = await db.selectFrom('identity_document').select(['number', 'number_norm']).where('person_id', '=', principal).executeTakeFirstOrThrow();
    expect(stored.number).toMatch(new RegExp(`^p1\\.${principal}\\.`));
    expect(stored.number_norm).toBe(documentNumberIndex(second.normalised));

    expect((await principalOf(manager, caseId)).documents).toMatchObject([{ type: 'passport', number: second.typed, issuingCountry: 'IQ' }]);
    // An exact search, typed another way, finds the case; the old number no longer does.
    expect(await searchIds(manager, second.normalised.toLowerCase())).toEqual([caseId]);
    expect(await searchIds(manager, second.typed)).toEqual([caseId]);
    expect(await searchIds(manager, first.normalised)).toEqual([]);
    // The trail shows the last three characters of each number, as before.
    const page = await ok<{ items: { event: string; before?: { documents?: { number: string }[] }; after?: { documents?: { number: string }[] } }[] }>(
      call(manager, 'POST', '/api/admin/audit/search', { caseId, pageSize: 200 }), 'audit search');
    const updated = page.items.find((i) => i.event === 'person.updated')!;
    expect(updated.before!.documents![0]!.number).toBe(`••••${first.typed.slice(-3)}`);
    expect(updated.after!.documents![0]!.number).toBe(`••••${second.typed.slice(-3)}`);

    await db.transaction().execute((trx) => destroyPersonKey(trx, principal, new Date()));
    expect((await principalOf(manager, caseId)).documents).toMatchObject([{ number: ERASED_VALUE }]);
    const after = await dumpDatabase();
    for (const n of [first.typed, first.normalised, second.typed, second.normalised]) expect(after).not.toContain(n);
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it('stored in clear before are converted by the background job, once, and are still read and found', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const n = canaryNumber();
    const { caseId, principal } = await caseWithNumber(manager, n.typed);
    // The row as Homeward stored it before migration 0070.
    await db.updateTable('identity_document').set({ number: n.typed, number_norm: n.normalised }).where('person_id', '=', principal).execute();
    expect(await dumpDatabase()).toContain(n.typed);
    expect((await principalOf(manager, caseId)).documents).toMatchObject([{ number: n.typed }]);

    expect((await sealClearValues(db)).identityDocumentNumbers).toBeGreaterThanOrEqual(1);
    expect((await sealClearValues(db)).identityDocumentNumbers).toBe(0);
    const dump = await dumpDatabase();
    expect(dump).not.toContain(n.typed);
    expect(dump).not.toContain(n.normalised);
    const stored = await db.selectFrom('identity_document').select(['number', 'number_norm']).where('person_id', '=', principal).executeTakeFirstOrThrow();
    expect(stored.number).toMatch(/^p1\./);
    expect(stored.number_norm).toBe(documentNumberIndex(n.typed));
    expect((await principalOf(manager, caseId)).documents).toMatchObject([{ number: n.typed }]);
    expect(await searchIds(manager, n.normalised)).toEqual([caseId]);
  });

  it('are found again after the master key is rotated: the blind index is computed again under the new key', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const n = canaryNumber();
    const { caseId, principal } = await caseWithNumber(manager, n.typed);
    const indexBefore = documentNumberIndex(n.typed);
    const next = new FieldCipher(newSecretKey());
    try {
      const done = await db.transaction().execute((trx) => rotateKeys(trx, t.cipher, next));
      expect(done.documentNumberIndexes).toBeGreaterThanOrEqual(1);
      const stored = await db.selectFrom('identity_document').select('number_norm').where('person_id', '=', principal).executeTakeFirstOrThrow();
      expect(stored.number_norm).not.toBe(indexBefore);
      expect(stored.number_norm).toBe(next.digest('identity-document', n.normalised));
      expect(await searchIds(manager, n.normalised)).toEqual([caseId]);
      expect((await principalOf(manager, caseId)).documents).toMatchObject([{ number: n.typed }]);
    } finally {
      await db.transaction().execute((trx) => rotateKeys(trx, next, t.cipher));
      usePersonKeyMaster(t.cipher);
    }
    expect(await searchIds(manager, n.normalised)).toEqual([caseId]);
  });

  it('are all indexed again, and every person key re-wrapped, by a rotation that reads them a batch at a time', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const numbers = [canaryNumber(), canaryNumber(), canaryNumber()];
    const cases = [];
    for (const n of numbers) cases.push(await caseWithNumber(manager, n.typed));
    const documents = await db.selectFrom('identity_document').select(['id', 'number']).execute();
    // Batches of two: more than one batch, whatever else the database holds.
    expect(documents.length).toBeGreaterThan(2);
    const next = new FieldCipher(newSecretKey());
    try {
      const wrappedBefore = await db.selectFrom('person_key').select(['person_id', 'wrapped_key']).where('wrapped_key', 'is not', null).execute();
      expect(wrappedBefore.length).toBeGreaterThan(2);
      const done = await db.transaction().execute((trx) => rotateKeys(trx, t.cipher, next, { batchSize: 2 }));
      // Every person's key is wrapped by the new key, the same key.
      expect(done.personKeys).toBe(wrappedBefore.length);
      const wrappedAfter = new Map((await db.selectFrom('person_key').select(['person_id', 'wrapped_key']).execute()).map((k) => [k.person_id, k.wrapped_key]));
      expect(wrappedBefore.filter((k) => next.decrypt(wrappedAfter.get(k.person_id)!) !== t.cipher.decrypt(k.wrapped_key!))).toEqual([]);
      const clear = await Promise.all(documents.map(async (d) => ({ id: d.id, number: d.number.startsWith('p1.') ? await openSealed(db, d.number) : d.number })));
      const readable = clear.filter((d) => d.number !== ERASED_VALUE);
      expect(done.documentNumberIndexes).toBe(readable.length);
      const norms = new Map((await db.selectFrom('identity_document').select(['id', 'number_norm']).execute()).map((d) => [d.id, d.number_norm]));
      expect(readable.filter((d) => norms.get(d.id) !== next.digest('identity-document', normaliseDocumentNumber(d.number!)))).toEqual([]);
      for (const [i, n] of numbers.entries()) expect(await searchIds(manager, n.normalised)).toEqual([cases[i]!.caseId]);
    } finally {
      await db.transaction().execute((trx) => rotateKeys(trx, next, t.cipher));
      usePersonKeyMaster(t.cipher);
    }
    for (const [i, n] of numbers.entries()) expect(await searchIds(manager, n.normalised)).toEqual([cases[i]!.caseId]);
  });
});

describe('the most sensitive fields at rest', () => {
  it('leave no trace of their text in a dump of the database, while an allowed reader reads them in clear', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, principal } = await sensitiveCase(manager, canary);

    const dump = await dumpDatabase();
    expect(dump).toContain(caseId); // the dump holds the case...
    expect(dump).toMatch(/p1\.[0-9a-f-]{36}\./); // ...and sealed values...
    expect(dump).not.toContain(canary); // ...but not one of the texts, neither in the tables nor in the audit trail

    const seen = await what(manager, caseId);
    expect(seen.health).toMatchObject({ conditions: `${canary} conditions`, medication: `${canary} medication`, travelNeeds: `${canary} wheelchair` });
    expect(seen.vulnerability.details).toBe(`${canary} details`);
    expect(seen.note.body).toBe(`${canary} note`);
    expect(await auditAfter(manager, caseId, 'health_record.saved')).toMatchObject({ conditions: `${canary} conditions`, travel_needs: `${canary} wheelchair` });
    expect(await auditAfter(manager, caseId, 'vulnerability.recorded')).toMatchObject({ details: `${canary} details` });
    expect(await auditAfter(manager, caseId, 'case.note.added')).toMatchObject({ body: `${canary} note`, sensitive: true });

    // A correction is audited sealed as well: before and after.
    const record = (await ok<{ health: { id: string }[] }>(call(manager, 'GET', `/api/cases/${caseId}/protection`), 'protection')).health[0]!;
    await ok(call(manager, 'PUT', `/api/cases/${caseId}/persons/${principal}/health`,
      { conditions: `${canary} corrected`, fitToTravel: 'fit' }, { 'if-match': `"${record.id}.1"` }), 'correction');
    const stored = await db.selectFrom('audit_event').select(['before', 'after']).where('case_id', '=', caseId).where('event', '=', 'health_record.saved').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(canary);
    // Values sealed with the master key alone (the `v1.` format) stay readable.
    expect(await openSealed(db, t.cipher.encrypt(`${canary} v1`))).toBe(`${canary} v1`);
    const history = await ok<{ events: { event: string; changes?: { before: Record<string, unknown>; after: Record<string, unknown> } }[] }>(call(manager, 'GET', `/api/cases/${caseId}/history`), 'history');
    expect(history.events.find((e) => e.event === 'health_record.saved')!.changes).toMatchObject({ before: { conditions: `${canary} conditions` }, after: { conditions: `${canary} corrected` } });
  });

  it('read as erased everywhere once the person’s key is destroyed, the audit trail still intact', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, principal, spouse } = await sensitiveCase(manager, canary);
    const other = await sensitiveCase(manager, `${canary}-kept`);

    await db.transaction().execute(async (trx) => {
      await destroyPersonKey(trx, principal, new Date());
      await destroyPersonKey(trx, spouse, new Date());
    });
    const keys = await db.selectFrom('person_key').select(['wrapped_key', 'destroyed_at']).where('person_id', 'in', [principal, spouse]).execute();
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.wrapped_key === null && k.destroyed_at !== null)).toBe(true);

    const seen = await what(manager, caseId);
    expect(seen.health).toMatchObject({ conditions: ERASED_VALUE, medication: ERASED_VALUE, travelNeeds: ERASED_VALUE, fitToTravel: 'fit_with_escort' });
    expect(seen.vulnerability.details).toBe(ERASED_VALUE);
    expect(seen.note.body).toBe(ERASED_VALUE);
    expect(await auditAfter(manager, caseId, 'health_record.saved')).toMatchObject({ conditions: ERASED_VALUE, medication: ERASED_VALUE });
    expect(await auditAfter(manager, caseId, 'vulnerability.recorded')).toMatchObject({ details: ERASED_VALUE });
    expect(await auditAfter(manager, caseId, 'case.note.added')).toMatchObject({ body: ERASED_VALUE });
    const history = await ok<{ events: { event: string; changes?: { after: Record<string, unknown> } }[] }>(call(manager, 'GET', `/api/cases/${caseId}/history`), 'history');
    expect(history.events.find((e) => e.event === 'vulnerability.recorded')!.changes!.after.details).toBe(ERASED_VALUE);

    // Other persons are untouched; nothing sensitive is recorded about an erased person any more.
    expect((await what(manager, other.caseId)).health.conditions).toBe(`${canary}-kept conditions`);
    const record = await db.selectFrom('health_record').select('id').where('person_id', '=', principal).executeTakeFirstOrThrow();
    const refused = await call(manager, 'PUT', `/api/cases/${caseId}/persons/${principal}/health`, { conditions: 'new', fitToTravel: 'fit' }, { 'if-match': `"${record.id}.1"` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PERSON_ERASED');

    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it('stored in clear before are sealed by the background job, once', async () => {
    const { users } = await officeWith(['office_manager']);
    const manager = users.office_manager!.session;
    const c = await ok<{ id: string; members: { person: { id: string } }[] }>(call(manager, 'POST', '/api/cases', householdInput()), 'register');
    const [principal, spouse] = [c.members[0]!.person.id, c.members[1]!.person.id];
    const author = users.office_manager!.id;
    const canary = `canary-${randomUUID()}`;
    // Rows as Homeward wrote them before migration 0063.
    await db.insertInto('health_record').values({ case_id: c.id, person_id: principal, conditions: `${canary} old`, medication: null, travel_needs: `${canary} needs`, recorded_by: author, updated_at: new Date() }).execute();
    await db.insertInto('vulnerability').values({ case_id: c.id, person_id: spouse, category: 'pregnant', details: `${canary} old details`, identified_on: '2026-03-01', identified_by: author, created_at: new Date(), updated_at: new Date() }).execute();
    await db.insertInto('case_note').values({ case_id: c.id, author_id: author, body: `${canary} old note`, sensitive: true, created_at: new Date() }).execute();
    await db.insertInto('case_note').values({ case_id: c.id, author_id: author, body: `${canary} ordinary`, sensitive: false, created_at: new Date() }).execute();

    const first = await sealClearValues(db);
    expect(first.healthRecords).toBeGreaterThanOrEqual(1);
    expect(first.vulnerabilities).toBeGreaterThanOrEqual(1);
    expect(first.sensitiveNotes).toBeGreaterThanOrEqual(1);
    expect(await sealClearValues(db)).toEqual({ healthRecords: 0, vulnerabilities: 0, sensitiveNotes: 0, counsellingTexts: 0, measureNotes: 0, visitNotes: 0, travelDocumentNumbers: 0, identityDocumentNumbers: 0 });

    const dump = await dumpDatabase();
    expect(dump).not.toContain(`${canary} old`);
    expect(dump).toContain(`${canary} ordinary`); // ordinary notes stay in clear
    const seen = await what(manager, c.id);
    expect(seen.health).toMatchObject({ conditions: `${canary} old`, medication: null, travelNeeds: `${canary} needs` });
    expect(seen.vulnerability.details).toBe(`${canary} old details`);
    expect(seen.note.body).toBe(`${canary} old note`);
  });

  it('stay readable after the master key is rotated, with the new key alone', async () => {
    const { users } = await officeWith(['office_manager', 'administrator']);
    const manager = users.office_manager!.session;
    const canary = `canary-${randomUUID()}`;
    const { caseId, principal } = await sensitiveCase(manager, canary);
    const wrappedBefore = (await db.selectFrom('person_key').select('wrapped_key').where('person_id', '=', principal).executeTakeFirstOrThrow()).wrapped_key!;
    const totpBefore = (await db.selectFrom('app_user').select('totp_secret').where('id', '=', users.administrator!.id).executeTakeFirstOrThrow()).totp_secret!;

    const next = new FieldCipher(newSecretKey());
    const rotated = await db.transaction().execute((trx) => rotateMasterKey(trx, t.cipher, next, MASTER_KEY_COLUMNS));
    expect(rotated.personKeys).toBeGreaterThanOrEqual(2);
    expect(rotated.values).toBeGreaterThanOrEqual(1);
    // Run again, it finds everything under the new key already.
    expect(await db.transaction().execute((trx) => rotateMasterKey(trx, t.cipher, next, MASTER_KEY_COLUMNS))).toEqual({ personKeys: 0, values: 0 });

    const wrappedAfter = (await db.selectFrom('person_key').select('wrapped_key').where('person_id', '=', principal).executeTakeFirstOrThrow()).wrapped_key!;
    expect(wrappedAfter).not.toBe(wrappedBefore);
    expect(() => t.cipher.decrypt(wrappedAfter)).toThrow();
    expect(next.decrypt(wrappedAfter)).toBe(t.cipher.decrypt(wrappedBefore)); // the same data key, wrapped anew
    const totpAfter = (await db.selectFrom('app_user').select('totp_secret').where('id', '=', users.administrator!.id).executeTakeFirstOrThrow()).totp_secret!;
    expect(next.decrypt(totpAfter)).toBe(t.cipher.decrypt(totpBefore));

    usePersonKeyMaster(next); // the new key alone (and no key cached from before)
    try {
      const seen = await what(manager, caseId);
      expect(seen.health.conditions).toBe(`${canary} conditions`);
      expect(seen.vulnerability.details).toBe(`${canary} details`);
      expect(seen.note.body).toBe(`${canary} note`);
      expect(await auditAfter(manager, caseId, 'health_record.saved')).toMatchObject({ medication: `${canary} medication` });
    } finally {
      usePersonKeyMaster(t.cipher);
    }
  });
});


