import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual, type DecipherGCM } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/**
 * The backup file (`npm run backup`), version 1:
 *
 *   "HWBACKUP" | version (1 byte) | header length (uint32 BE) | header (JSON, UTF-8)
 *   | AES-256-GCM ciphertext of the gzip of the frames | GCM tag (16 bytes)
 *
 * The header is in clear (no personal data: the format, when, which migrations, the key's source,
 * the salt and IV, a key check) and authenticated as the cipher's additional data, so a changed
 * header fails the tag like a changed byte of data. The key is HKDF-SHA256 of the key material
 * (HOMEWARD_BACKUP_KEY, else the secret key) with the header's random salt and the label
 * `homeward backup v1`; `keyCheck` (an HMAC of a fixed text under that key) tells a wrong key from a
 * damaged file before anything is decrypted. The frames: a type byte, a length (uint32 BE), data.
 * A `.sha256` file beside the backup (`sha256sum -c` reads it) holds the SHA-256 of the whole file.
 */
export const BACKUP_MAGIC = Buffer.from('HWBACKUP', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
const PREAMBLE = BACKUP_MAGIC.length + 1 + 4;
const TAG_BYTES = 16;
const HKDF_LABEL = 'homeward backup v1';
const KEY_CHECK_TEXT = 'homeward backup key check';

export interface BackupHeader {
  format: 'homeward-backup';
  createdAt: string;
  /** Where the key material came from: HOMEWARD_BACKUP_KEY, or the secret key (HOMEWARD_SECRET_KEY / the data directory's secrets). */
  keySource: 'backup-key' | 'secret-key';
  salt: string;
  iv: string;
  keyCheck: string;
  /** The applied migrations (`schema_migration`), in order: the schema level of the data. */
  migrations: string[];
  /** The fingerprint a complete migration left (`migrate.ts`), when there is one. */
  fingerprint: string | null;
  serverVersion: string;
}

export type BackupErrorKind = 'wrong-key' | 'corrupted' | 'newer-schema' | 'not-empty' | 'unreadable';
/** A refusal the CLI turns into a message and an exit code (see EXIT_CODES). */
export class BackupError extends Error {
  constructor(readonly kind: BackupErrorKind, message: string) {
    super(message);
  }
}
export const EXIT_CODES: Record<BackupErrorKind, number> = { unreadable: 3, corrupted: 3, 'wrong-key': 4, 'newer-schema': 5, 'not-empty': 6 };

/** 32 bytes from base64 key material (HOMEWARD_BACKUP_KEY or the secret key), or an error naming the variable. */
export function keyMaterial(base64: string, name: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (openssl rand -base64 32).`);
  return key;
}

const deriveKey = (material: Buffer, salt: Buffer) => Buffer.from(hkdfSync('sha256', material, salt, HKDF_LABEL, 32));
const keyCheckOf = (key: Buffer) => createHmac('sha256', key).update(KEY_CHECK_TEXT).digest().subarray(0, 16).toString('base64');

export const FRAME = { table: 0x54, data: 0x44, tableEnd: 0x45, sequences: 0x53, end: 0x5a } as const;
export const frame = (type: number, data: Buffer | string) => {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const head = Buffer.alloc(5);
  head.writeUInt8(type, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
};

/** Splits a stream of frames back into frames; an incomplete frame at the end is an error. */
export async function* readFrames(source: AsyncIterable<Buffer>): AsyncGenerator<{ type: number; data: Buffer }> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    while (pending.length - at >= 5) {
      const len = pending.readUInt32BE(at + 1);
      if (pending.length - at - 5 < len) break;
      yield { type: pending[at]!, data: pending.subarray(at + 5, at + 5 + len) };
      at += 5 + len;
    }
    pending = pending.subarray(at);
  }
  if (pending.length) throw new BackupError('corrupted', 'The backup ends in the middle of a record.');
}

/** The header (clear, authenticated) and the encrypting stream, which appends the tag at its end. */
export function sealer(material: Buffer, keySource: BackupHeader['keySource'], content: Omit<BackupHeader, 'format' | 'keySource' | 'salt' | 'iv' | 'keyCheck'>) {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = deriveKey(material, salt);
  const header: BackupHeader = { format: 'homeward-backup', keySource, salt: salt.toString('base64'), iv: iv.toString('base64'), keyCheck: keyCheckOf(key), ...content };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const preamble = Buffer.alloc(PREAMBLE);
  BACKUP_MAGIC.copy(preamble, 0);
  preamble.writeUInt8(BACKUP_FORMAT_VERSION, BACKUP_MAGIC.length);
  preamble.writeUInt32BE(json.length, BACKUP_MAGIC.length + 1);
  const head = Buffer.concat([preamble, json]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(head);
  const encrypt = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, cipher.update(chunk));
    },
    flush(done) {
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
  return { head, header, encrypt };
}

/** Reads and checks the clear header of a backup file. */
export async function readHeader(file: string): Promise<{ header: BackupHeader; head: Buffer; size: number }> {
  const { size } = await stat(file).catch(() => {
    throw new BackupError('unreadable', `Cannot read ${file}.`);
  });
  const fd = await open(file, 'r');
  try {
    const preamble = Buffer.alloc(PREAMBLE);
    await fd.read(preamble, 0, PREAMBLE, 0);
    if (!preamble.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) throw new BackupError('unreadable', `${file} is not a Homeward backup.`);
    const version = preamble.readUInt8(BACKUP_MAGIC.length);
    if (version !== BACKUP_FORMAT_VERSION) throw new BackupError('unreadable', `${file} is a backup of format ${version}; this Homeward reads format ${BACKUP_FORMAT_VERSION}.`);
    const len = preamble.readUInt32BE(BACKUP_MAGIC.length + 1);
    if (len > 1_000_000 || PREAMBLE + len + TAG_BYTES > size) throw new BackupError('corrupted', `The header of ${file} is damaged.`);
    const json = Buffer.alloc(len);
    await fd.read(json, 0, len, PREAMBLE);
    let header: BackupHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupError('corrupted', `The header of ${file} is damaged.`);
    }
    if (header.format !== 'homeward-backup' || !Array.isArray(header.migrations)) throw new BackupError('corrupted', `The header of ${file} is damaged.`);
    return { header, head: Buffer.concat([preamble, json]), size };
  } finally {
    await fd.close();
  }
}

/** The decrypting stream of a file whose key was checked: ciphertext in, gzip out; a bad tag fails at the end. */
export async function openBackup(file: string, material: Buffer): Promise<{ header: BackupHeader; plain: () => Readable }> {
  const { header, head, size } = await readHeader(file);
  const key = deriveKey(material, Buffer.from(header.salt, 'base64'));
  const expected = Buffer.from(keyCheckOf(key), 'base64');
  const given = Buffer.from(header.keyCheck ?? '', 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const name = header.keySource === 'backup-key' ? 'HOMEWARD_BACKUP_KEY' : 'the secret key (HOMEWARD_SECRET_KEY, or secrets.json of the data directory)';
    throw new BackupError('wrong-key', `Wrong key: this backup was encrypted with ${name} of the Homeward that made it, and the key given is another.`);
  }
  const fd = await open(file, 'r');
  const tag = Buffer.alloc(TAG_BYTES);
  await fd.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  await fd.close();
  const plain = () => {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64')) as DecipherGCM;
    decipher.setAAD(head);
    decipher.setAuthTag(tag);
    const gunzip = createGunzip();
    const source = createReadStream(file, { start: head.length, end: size - TAG_BYTES - 1 });
    pipeline(source, decipher, gunzip).catch((err: Error) => {
      const failure = /unable to authenticate|auth/i.test(err.message)
        ? new BackupError('corrupted', 'The backup is damaged or was altered: its authentication tag does not match.')
        : new BackupError('corrupted', `The backup is damaged: ${err.message}`);
      gunzip.destroy(failure);
    });
    return gunzip;
  };
  return { header, plain };
}

export const checksumPath = (file: string) => `${file}.sha256`;
export const sha256File = async (file: string) => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
};

/** Compares the file with its `.sha256` (the `sha256sum` line written beside it). */
export async function verifyChecksum(file: string) {
  const line = await readFile(checksumPath(file), 'utf8').catch(() => null);
  if (line === null) throw new BackupError('unreadable', `No checksum file ${path.basename(checksumPath(file))} beside the backup: it is written with it and needed to restore.`);
  const expected = line.trim().split(/\s+/)[0]?.toLowerCase();
  if ((await sha256File(file)) !== expected) throw new BackupError('corrupted', 'The backup is damaged: its SHA-256 does not match its .sha256 file.');
}

/**
 * Checks a backup end to end without writing anything: checksum, key, every frame decrypted,
 * decompressed and parsed, the end marker present, the authentication tag. Returns its tables.
 */
export async function verifyBackup(file: string, material: Buffer) {
  await verifyChecksum(file);
  const { header, plain } = await openBackup(file, material);
  const tables: { name: string; rows: number }[] = [];
  let ended = false;
  let current: string | null = null;
  try {
    for await (const f of readFrames(plain())) {
      if (f.type === FRAME.table) current = (JSON.parse(f.data.toString('utf8')) as { name: string }).name;
      else if (f.type === FRAME.tableEnd) tables.push({ name: current!, rows: (JSON.parse(f.data.toString('utf8')) as { rows: number }).rows });
      else if (f.type === FRAME.end) ended = true;
    }
  } catch (err) {
    throw asCorrupted(err);
  }
  if (!ended) throw new BackupError('corrupted', 'The backup is incomplete: its end marker is missing.');
  return { header, tables };
}

/** Any failure while reading the encrypted part is a damaged file (zlib, JSON or tag errors). */
export const asCorrupted = (err: unknown) =>
  err instanceof BackupError ? err : new BackupError('corrupted', `The backup is damaged: ${(err as Error).message}`);

/** A writable that discards (for draining a stream). */
export const sink = () => new Writable({ write: (_c, _e, done) => done() });

/**
 * Runs a backup command (`npm run backup`, `npm run restore`) and exits with its code, a refusal
 * with its message and EXIT_CODES' code, anything else with 1. The exit is explicit: the embedded
 * PostgreSQL package's exit hook would otherwise end with 0.
 */
export function runBackupCommand(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`${name}: ${(err as Error).message}`);
      process.exit(err instanceof BackupError ? EXIT_CODES[err.kind] : 1);
    },
  );
}
