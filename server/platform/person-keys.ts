import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERASED_VALUE } from '../../shared/crypto.js';
import { sql, type RawBuilder } from 'kysely';
import type { FieldCipher } from './crypto.js';
import type { Db, Executor } from './db.js';
import { platformErrors } from './platform.errors.js';

export { ERASED_VALUE };

/**
 * Per-person data keys (envelope encryption) for the most sensitive fields: health records,
 * vulnerability details, sensitive notes, and their copies in the audit trail.
 *
 * Each person has one random 256-bit data key (`person_key`, migration 0063), stored wrapped by the
 * master key (`HOMEWARD_SECRET_KEY`, through `FieldCipher`). A value sealed for a person is
 * `p1.<personId>.<iv>.<tag>.<ciphertext>` (AES-256-GCM, the person id as additional data, all but
 * the id base64url). Destroying the person's key (`destroyPersonKey`) makes every such value
 * unreadable wherever it lies: the tables, the audit trail that can never be changed, and every
 * backup; `openFor` then answers `ERASED_VALUE`. Values sealed with the master key alone (`v1.`)
 * stay readable.
 *
 * Unwrapped keys are kept in memory at most `KEY_CACHE_TTL_MS` (five minutes), for at most
 * `KEY_CACHE_MAX` persons (least recently used out first); a key destroyed by another process is
 * thus still usable by this one for at most five minutes.
 */
export const KEY_CACHE_TTL_MS = 5 * 60_000;
export const KEY_CACHE_MAX = 1000;

const ENVELOPE = /^p1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

let master: FieldCipher | null = null;
const cache = new Map<string, { key: Buffer; at: number }>();

/** The master key the data keys are wrapped with: set once at start (`buildApp`, the demo data, the commands). */
export function usePersonKeyMaster(cipher: FieldCipher) {
  if (master !== cipher) cache.clear();
  master = cipher;
}

function masterKey(): FieldCipher {
  if (!master) throw new Error('No master key: usePersonKeyMaster() was not called.');
  return master;
}

/** Forgets every unwrapped key held in memory (after a rotation, in tests). */
export function clearPersonKeyCache() {
  cache.clear();
}

function remember(personId: string, key: Buffer) {
  cache.delete(personId);
  cache.set(personId, { key, at: Date.now() });
  while (cache.size > KEY_CACHE_MAX) cache.delete(cache.keys().next().value!);
}

function cached(personId: string): Buffer | null {
  const hit = cache.get(personId);
  if (!hit) return null;
  cache.delete(personId);
  if (Date.now() - hit.at > KEY_CACHE_TTL_MS) return null;
  cache.set(personId, hit);
  return hit.key;
}

/** The person's key as stored now: the key, `'destroyed'`, or null when none was ever made. */
async function storedKey(ex: Executor, personId: string): Promise<Buffer | 'destroyed' | null> {
  const row = await ex.selectFrom('person_key').select(['wrapped_key', 'destroyed_at']).where('person_id', '=', personId).executeTakeFirst();
  if (!row) return null;
  if (row.destroyed_at || !row.wrapped_key) return 'destroyed';
  return Buffer.from(masterKey().decrypt(row.wrapped_key), 'base64');
}

/** Seals a value for a person, making their key on first use. The key is always read from the database (never a cached key of a transaction that rolled back). */
export async function sealFor(ex: Executor, personId: string, plain: string): Promise<string> {
  let key = await storedKey(ex, personId);
  if (key === null) {
    const wrapped = masterKey().encrypt(randomBytes(32).toString('base64'));
    await ex.insertInto('person_key').values({ person_id: personId, wrapped_key: wrapped }).onConflict((oc) => oc.column('person_id').doNothing()).execute();
    key = await storedKey(ex, personId);
  }
  // The person was erased: nothing sensitive is recorded about them any more.
  if (key === null || key === 'destroyed') throw platformErrors.PERSON_ERASED({ personId });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(personId));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['p1', personId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

/**
 * `sealFor` of many values at once (a batch of an import, a batch of the background job): the keys
 * of their persons read with one statement, and those missing made with one more (a key made here
 * is used as made, without reading it back: it lives and dies with the caller's transaction),
 * whatever the number of values. A value whose person's key was destroyed answers null (it is not sealed).
 */
export async function sealManyFor(ex: Executor, values: readonly { personId: string; plain: string }[]): Promise<(string | null)[]> {
  const persons = [...new Set(values.map((v) => v.personId))];
  if (!persons.length) return [];
  const keys = new Map<string, Buffer | null>();
  const read = async (ids: string[]) => {
    const rows = await sql<{ person_id: string; wrapped_key: string | null; destroyed_at: Date | null }>`
      SELECT person_id::text AS person_id, wrapped_key, destroyed_at FROM person_key WHERE person_id = ANY(${ids}::uuid[])`.execute(ex);
    for (const r of rows.rows) keys.set(r.person_id, r.destroyed_at || !r.wrapped_key ? null : Buffer.from(masterKey().decrypt(r.wrapped_key), 'base64'));
  };
  await read(persons);
  const missing = persons.filter((p) => !keys.has(p));
  if (missing.length) {
    const random = randomBytes(32 * missing.length);
    const made = missing.map((_, i) => random.subarray(32 * i, 32 * (i + 1)));
    const wrapped = made.map((k) => masterKey().encrypt(k.toString('base64')));
    const inserted = await sql<{ person_id: string }>`
      INSERT INTO person_key (person_id, wrapped_key) SELECT * FROM unnest(${missing}::uuid[], ${wrapped}::text[])
      ON CONFLICT (person_id) DO NOTHING RETURNING person_id::text AS person_id`.execute(ex);
    const mine = new Set(inserted.rows.map((r) => r.person_id));
    missing.forEach((p, i) => { if (mine.has(p)) keys.set(p, made[i]!); });
    // Made at the same time by another transaction: its key, as stored.
    const theirs = missing.filter((p) => !mine.has(p));
    if (theirs.length) await read(theirs);
  }
  // The initialisation vectors drawn together, twelve bytes each.
  const ivs = randomBytes(12 * values.length);
  return values.map((v, i) => {
    const key = keys.get(v.personId);
    if (!key) return null;
    const iv = ivs.subarray(12 * i, 12 * (i + 1));
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(v.personId));
    const data = Buffer.concat([cipher.update(v.plain, 'utf8'), cipher.final()]);
    return ['p1', v.personId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  });
}

/** `sealFor` of a value that may be absent: null stays null. */
export const sealNullableFor = async (ex: Executor, personId: string, plain: string | null | undefined): Promise<string | null> =>
  plain === null || plain === undefined ? null : sealFor(ex, personId, plain);

/** Whether a string is a value sealed for a person. */
export const isSealed = (v: unknown): v is string => typeof v === 'string' && ENVELOPE.test(v);

function decryptWith(key: Buffer, personId: string, iv: string, tag: string, data: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(personId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/**
 * Opens a sealed value: a `p1.` value with the key of the person it was sealed for (who must be
 * `personId` when given), a `v1.` value with the master key. A value whose person's key was
 * destroyed answers `ERASED_VALUE`; null stays null.
 */
export async function openSealed(ex: Executor, sealed: string | null, personId?: string): Promise<string | null> {
  if (sealed === null) return null;
  if (sealed.startsWith('v1.')) return masterKey().decrypt(sealed);
  const m = ENVELOPE.exec(sealed);
  if (!m) throw new Error('Unrecognised sealed value.');
  const [, owner, iv, tag, data] = m as unknown as [string, string, string, string, string];
  if (personId !== undefined && owner !== personId) throw new Error('The value was sealed for another person.');
  const hit = cached(owner);
  if (hit) {
    try {
      return decryptWith(hit, owner, iv, tag, data);
    } catch {
      cache.delete(owner); // a stale key (rotated, or of a transaction that rolled back): read it again
    }
  }
  const key = await storedKey(ex, owner);
  if (key === null || key === 'destroyed') return ERASED_VALUE;
  remember(owner, key);
  return decryptWith(key, owner, iv, tag, data);
}

/**
 * `openSealed` of many values at once (a batch of an import, of a rotation): the keys of their
 * persons read with one statement per ten thousand persons, whatever the number of values. A value
 * not sealed for a person is answered as it is (null stays null; a `v1.` value is opened with the
 * master key); one whose person's key was destroyed answers `ERASED_VALUE`.
 */
export async function openManySealed(ex: Executor, values: readonly (string | null)[]): Promise<(string | null)[]> {
  // Read from the database, as `sealManyFor` does (never a cached key of a transaction that rolled back).
  const persons = [...new Set(values.flatMap((v) => (v === null ? [] : ENVELOPE.exec(v)?.[1] ?? [])))];
  const owners = new Map<string, Buffer>();
  for (let i = 0; i < persons.length; i += 10_000) {
    const chunk = persons.slice(i, i + 10_000);
    const rows = await ex.selectFrom('person_key').select(['person_id', 'wrapped_key', 'destroyed_at']).where('person_id', 'in', chunk).execute();
    for (const r of rows) if (!r.destroyed_at && r.wrapped_key) owners.set(r.person_id, Buffer.from(masterKey().decrypt(r.wrapped_key), 'base64'));
  }
  return values.map((v) => {
    if (v === null) return null;
    if (v.startsWith('v1.')) return masterKey().decrypt(v);
    const m = ENVELOPE.exec(v);
    if (!m) return v;
    const [, owner, iv, tag, data] = m as unknown as [string, string, string, string, string];
    const key = owners.get(owner);
    return key ? decryptWith(key, owner, iv, tag, data) : ERASED_VALUE;
  });
}

/** `openSealed` for the person whose value it is. */
export const openFor = (ex: Executor, personId: string, sealed: string | null) => openSealed(ex, sealed, personId);

/**
 * A text column that holds sealed values beside values written before they were sealed (migration
 * 0066: counselling notes, measure notes, sensitive visit notes): a sealed value is opened (the
 * erased marker once the key is destroyed), any other is the clear value of a row not yet sealed.
 */
export const openIfSealed = async (ex: Executor, value: string | null): Promise<string | null> => (isSealed(value) ? openSealed(ex, value) : value);

/**
 * A keyed blind index of a value (`FieldCipher.digest` under the master key, for `purpose`): an
 * exact search without the value in clear. It changes with the master key: a rotation recomputes it.
 */
export const blindIndex = (purpose: string, value: string): string => masterKey().digest(purpose, value);

/** What a value in clear matches not (the envelope of `sealFor`), in SQL. */
export const SEALED_PATTERN = '^p1\\.[0-9a-f-]{36}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$';

/**
 * Seals the values of a column still held in clear (`from: 'clear'`) or under the master key alone
 * (`from: 'master'`, `v1.`), for the person `person` names (an SQL expression over the row, alias
 * `t`, whose `id` is a uuid), for the background job `platform.seal-clear-values`: 100 rows per
 * transaction, in id order, rows another process holds skipped for the next start. A row without a
 * person, or whose person's key was destroyed, is left as it is. Answers how many values it sealed.
 */
export async function sealColumnValues(db: Db, t: {
  table: string; column: string; person: RawBuilder<string | null>; from: 'clear' | 'master';
}): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const which = t.from === 'master' ? sql`t.${sql.ref(t.column)} LIKE 'v1.%'` : sql`t.${sql.ref(t.column)} !~ ${SEALED_PATTERN}`;
      const rows = await sql<{ id: string; value: string; person_id: string | null }>`
        SELECT t.id::text AS id, t.${sql.ref(t.column)} AS value, ${t.person} AS person_id FROM ${sql.table(t.table)} t
         WHERE t.${sql.ref(t.column)} IS NOT NULL AND ${which} AND t.id > ${after}::uuid
         ORDER BY t.id LIMIT 100 FOR UPDATE OF t SKIP LOCKED`.execute(trx);
      let sealed = 0;
      for (const r of rows.rows) {
        if (!r.person_id) continue;
        const key = await storedKey(trx, r.person_id);
        if (key === 'destroyed') continue;
        const clear = t.from === 'master' ? masterKey().decrypt(r.value) : r.value;
        await sql`UPDATE ${sql.table(t.table)} SET ${sql.ref(t.column)} = ${await sealFor(trx, r.person_id, clear)} WHERE id = ${r.id}::uuid`.execute(trx);
        sealed += 1;
      }
      return { last: rows.rows.at(-1)?.id ?? null, sealed };
    });
    done += found.sealed;
    if (!found.last) return done;
    after = found.last;
  }
}

/** Opens every sealed string within a JSON value (audit before/after values), leaving the rest as it is. */
export async function openSealedValues(ex: Executor, value: unknown): Promise<unknown> {
  if (isSealed(value)) return openSealed(ex, value);
  if (Array.isArray(value)) return Promise.all(value.map((v) => openSealedValues(ex, v)));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await openSealedValues(ex, v);
    return out;
  }
  return value;
}

/**
 * Destroys a person's data key (crypto-shredding): every value sealed for them, in the tables, the
 * audit trail and the backups, becomes unreadable for good. Run it in the erasure's transaction.
 */
export async function destroyPersonKey(ex: Executor, personId: string, now: Date): Promise<void> {
  await ex.insertInto('person_key').values({ person_id: personId, wrapped_key: null, created_at: now, destroyed_at: now })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ wrapped_key: null, destroyed_at: now }))
    .execute();
  cache.delete(personId);
}

/** A column holding values encrypted with the master key alone (`FieldCipher`, `v1.`): TOTP secrets, document numbers, payment details. */
export interface MasterKeyColumn {
  table: string;
  id: string;
  column: string;
}

/**
 * Rotation of the master key (`HOMEWARD_SECRET_KEY`), in one transaction: every person's data key
 * is re-wrapped from the previous master key to the new one (the values sealed for persons, in the
 * tables and the audit trail, are not touched: their data keys do not change), and every value of
 * `columns` encrypted with the master key alone is encrypted again under the new one. A value
 * already under the new key is left as it is, so a rotation is run again safely; a value neither
 * key opens stops it (nothing is changed). Answers how many of each it changed.
 */
export async function rotateMasterKey(
  ex: Executor, from: FieldCipher, to: FieldCipher, columns: readonly MasterKeyColumn[], { batchSize = 5_000 }: { batchSize?: number } = {},
): Promise<{ personKeys: number; values: number }> {
  const again = (value: string) => {
    try {
      return to.encrypt(from.decrypt(value));
    } catch {
      to.decrypt(value); // already under the new key; anything else stops the rotation
      return null;
    }
  };
  // The persons' keys `batchSize` at a time (keyset on the person's id), each batch written with one statement:
  // memory and round trips do not grow with the number of persons.
  let personKeys = 0;
  let after: string | null = null;
  for (;;) {
    let q = ex.selectFrom('person_key').select(['person_id', 'wrapped_key']).where('wrapped_key', 'is not', null).orderBy('person_id').limit(batchSize);
    if (after !== null) q = q.where('person_id', '>', after);
    const keys = await q.execute();
    if (!keys.length) break;
    after = keys.at(-1)!.person_id;
    const ids: string[] = [];
    const wrapped: string[] = [];
    for (const k of keys) {
      const w = again(k.wrapped_key!);
      if (w === null) continue;
      ids.push(k.person_id);
      wrapped.push(w);
    }
    if (ids.length) {
      await sql`UPDATE person_key k SET wrapped_key = v.wrapped FROM unnest(${ids}::uuid[], ${wrapped}::text[]) AS v(id, wrapped) WHERE k.person_id = v.id`.execute(ex);
    }
    personKeys += ids.length;
  }
  let values = 0;
  for (const c of columns) {
    const rows = await sql<{ id: string; value: string }>`SELECT ${sql.ref(c.id)}::text AS id, ${sql.ref(c.column)} AS value FROM ${sql.table(c.table)} WHERE ${sql.ref(c.column)} IS NOT NULL`.execute(ex);
    for (const r of rows.rows) {
      if (isSealed(r.value)) continue; // sealed for a person (a document number): its data key was re-wrapped above
      const value = again(r.value);
      if (value === null) continue;
      await sql`UPDATE ${sql.table(c.table)} SET ${sql.ref(c.column)} = ${value} WHERE ${sql.ref(c.id)}::text = ${r.id}`.execute(ex);
      values += 1;
    }
  }
  cache.clear();
  return { personKeys, values };
}
