import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ERASED_VALUE } from '../shared/crypto.js';
import { sealClearValues } from './jobs.js';
import { destroyPersonKey } from './modules/cases/index.js';
import { MASTER_KEY_COLUMNS } from './rotate-key.js';
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
    expect(await sealClearValues(db)).toEqual({ healthRecords: 0, vulnerabilities: 0, sensitiveNotes: 0 });

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
