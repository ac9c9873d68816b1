import type { OfflineConflictDetails, OfflinePackView, RecordVisitBody } from '../../../shared/schemas/monitoring';
import { newIdempotencyKey } from '../../lib/api';

/**
 * The officer's offline store: the downloaded pack and the visits recorded without a connection,
 * kept in IndexedDB and encrypted with WebCrypto. The key is AES-GCM 256, derived from a
 * passphrase the officer sets with PBKDF2-SHA-256 (600 000 iterations, a random 16-byte salt);
 * it lives in memory while the store is unlocked and is never stored. What is stored in clear:
 * the salt, the iteration count, a verifier (a known text encrypted with the key, to tell a wrong
 * passphrase), the count of wrong passphrases and the user the store belongs to. Five wrong
 * passphrases in a row wipe the store; signing out wipes it.
 */
const DB_NAME = 'homeward-offline';
const STORE = 'kv';
const META = 'meta';
const DATA = 'data';
export const PBKDF2_ITERATIONS = 600_000;
export const MAX_ATTEMPTS = 5;
const VERIFIER_TEXT = 'homeward-offline-store-v1';

interface Sealed { iv: Uint8Array; ct: ArrayBuffer }
interface Meta { salt: Uint8Array; iterations: number; verifier: Sealed; failedAttempts: number; userId: string; createdAt: string }

export type OfflineRecordStatus = 'pending' | 'synced' | 'conflict' | 'failed';
export interface OfflineRecord {
  /** Made when the record is first saved; the same for every upload of it. */
  clientId: string;
  visitId: string;
  /** The visit's version the record is based on (the download's; the server's after a merge). */
  baseVersion: number;
  merged: boolean;
  record: RecordVisitBody;
  savedAt: string;
  status: OfflineRecordStatus;
  syncedAt?: string;
  conflict?: OfflineConflictDetails;
  /** The code of the last refusal other than a conflict. */
  error?: string;
}
export interface OfflineData { pack: OfflinePackView | null; records: OfflineRecord[] }

/** Whether this browser can keep an encrypted store: IndexedDB and WebCrypto (HTTPS or localhost). */
export const offlineSupported = () => typeof indexedDB !== 'undefined' && globalThis.isSecureContext === true && Boolean(globalThis.crypto?.subtle);

let key: CryptoKey | null = null;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
  });
}

async function tx<T>(mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = run(t.objectStore(STORE));
      t.oncomplete = () => resolve(req ? req.result : undefined);
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

const get = <T>(k: string) => tx<T>('readonly', (s) => s.get(k) as IDBRequest<T>);
const put = (k: string, v: unknown) => tx('readwrite', (s) => { s.put(v, k); });

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

async function seal(k: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new TextEncoder().encode(JSON.stringify(value)));
  return { iv, ct };
}

async function open<T>(k: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as BufferSource }, k, sealed.ct);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

export type StoreState = { kind: 'none' } | { kind: 'locked'; userId: string; failedAttempts: number } | { kind: 'unlocked'; userId: string; data: OfflineData };

/** What the store is: absent, locked (with the wrong passphrases so far), or unlocked with its contents. */
export async function storeState(): Promise<StoreState> {
  const meta = await get<Meta>(META);
  if (!meta) return { kind: 'none' };
  if (!key) return { kind: 'locked', userId: meta.userId, failedAttempts: meta.failedAttempts };
  return { kind: 'unlocked', userId: meta.userId, data: await readData() };
}

/** Makes a new store for the user with the passphrase, holding the pack; any earlier store is wiped. */
export async function createStore(passphrase: string, userId: string, pack: OfflinePackView): Promise<void> {
  await wipeOfflineStore();
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const k = await deriveKey(passphrase, salt, PBKDF2_ITERATIONS);
  const meta: Meta = { salt, iterations: PBKDF2_ITERATIONS, verifier: await seal(k, VERIFIER_TEXT), failedAttempts: 0, userId, createdAt: new Date().toISOString() };
  await put(META, meta);
  key = k;
  await writeData({ pack, records: [] });
}

/**
 * Unlocks the store: `true` when the passphrase is right. A wrong one counts; the fifth in a row
 * wipes the store (`'wiped'`).
 */
export async function unlockStore(passphrase: string): Promise<true | { failedAttempts: number } | 'wiped'> {
  const meta = await get<Meta>(META);
  if (!meta) return 'wiped';
  const k = await deriveKey(passphrase, meta.salt, meta.iterations);
  let right = false;
  try {
    right = (await open<string>(k, meta.verifier)) === VERIFIER_TEXT;
  } catch {
    right = false;
  }
  if (right) {
    key = k;
    if (meta.failedAttempts) await put(META, { ...meta, failedAttempts: 0 });
    return true;
  }
  const failedAttempts = meta.failedAttempts + 1;
  if (failedAttempts >= MAX_ATTEMPTS) {
    await wipeOfflineStore();
    return 'wiped';
  }
  await put(META, { ...meta, failedAttempts });
  return { failedAttempts };
}

export const lockStore = () => {
  key = null;
};

async function readData(): Promise<OfflineData> {
  if (!key) throw new Error('The offline store is locked');
  const sealed = await get<Sealed>(DATA);
  return sealed ? open<OfflineData>(key, sealed) : { pack: null, records: [] };
}

async function writeData(data: OfflineData): Promise<void> {
  if (!key) throw new Error('The offline store is locked');
  await put(DATA, await seal(key, data));
}

/** Changes the unlocked store's contents (read, change, encrypt, write). */
export async function updateData(change: (d: OfflineData) => OfflineData): Promise<OfflineData> {
  const next = change(await readData());
  await writeData(next);
  return next;
}

/** Saves a visit recorded offline (a new client id the first time), encrypted. */
export function saveRecord(visitId: string, baseVersion: number, record: RecordVisitBody, existing?: OfflineRecord): Promise<OfflineData> {
  const saved: OfflineRecord = existing
    ? { ...existing, record, status: 'pending', savedAt: new Date().toISOString(), error: undefined }
    : { clientId: newIdempotencyKey(), visitId, baseVersion, merged: false, record, savedAt: new Date().toISOString(), status: 'pending' };
  return updateData((d) => ({ ...d, records: [...d.records.filter((r) => r.clientId !== saved.clientId), saved] }));
}

/** Erases the store: the key in memory and everything in IndexedDB. */
export async function wipeOfflineStore(): Promise<void> {
  key = null;
  if (typeof indexedDB === 'undefined') return;
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    req.onblocked = () => resolve();
  });
}
