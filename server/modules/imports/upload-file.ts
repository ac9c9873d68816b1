import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './imports.errors.js';
import { inspectFile, type Delimiter, type Encoding } from './legacy-csv.js';
import { importOffice } from './offices.js';
import { presentFile } from './present.js';

/** Where uploaded import files are kept: under the data directory, named by id (never by the user's file name). */
export const importDir = (dataDir: string) => path.join(dataDir, 'imports');
export const importPath = (dataDir: string, storedName: string) => path.join(importDir(dataDir), storedName);

export interface StoredUpload {
  officeId: string;
  fileName: string;
  storedName: string;
  path: string;
  sha256: string;
  sizeBytes: number;
  encoding: Encoding;
  delimiter: Delimiter;
  headers: string[];
}

/**
 * Stores an uploaded file by streaming it to disk (never whole in memory), hashing it on the way,
 * then reads its start: encoding, delimiter, header. A file over the limit, empty, not text, or
 * with too many columns is removed and refused. Nothing is recorded yet (`recordImportFile`).
 */
export async function receiveImportFile(
  input: { officeId?: string; fileName: string; stream: Readable; truncated: () => boolean; dataDir: string },
  { actor, db }: UseCaseContext,
): Promise<StoredUpload> {
  requirePermission(actor, 'import.run');
  const office = await importOffice(db, actor, input.officeId);
  await mkdir(importDir(input.dataDir), { recursive: true });
  const storedName = `${randomUUID()}.csv`;
  const target = importPath(input.dataDir, storedName);
  const hash = createHash('sha256');
  try {
    await pipeline(input.stream, new Transform({ transform(chunk: Buffer, _e, done) { hash.update(chunk); done(null, chunk); } }), createWriteStream(target, { flags: 'wx' }));
    if (input.truncated()) throw errors.IMPORT_FILE_TOO_LARGE();
    const { size } = await stat(target);
    if (!size) throw errors.IMPORT_FILE_EMPTY();
    const { encoding, delimiter, headers } = await inspectFile(target);
    return { officeId: office.id, fileName: input.fileName.slice(0, 255) || 'import.csv', storedName, path: target, sha256: hash.digest('hex'), sizeBytes: size, encoding, delimiter, headers };
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
}

/** Removes a received file no record keeps (a replayed upload, a refused one). */
export const discardImportFile = (stored: StoredUpload) => rm(stored.path, { force: true });

/** Records a received file for its office, audited with its name, digest and what was detected. */
export async function recordImportFile(stored: StoredUpload, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('import_file').values({
      office_id: stored.officeId, uploaded_by: actor.userId, file_name: stored.fileName, sha256: stored.sha256, size_bytes: stored.sizeBytes,
      stored_name: stored.storedName, encoding: stored.encoding, delimiter: stored.delimiter, headers: stored.headers, created_at: clock.now(),
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'import.file_uploaded', entityType: 'import_file', entityId: row.id, officeId: stored.officeId,
      after: { fileName: stored.fileName, sha256: stored.sha256, sizeBytes: stored.sizeBytes, encoding: stored.encoding, delimiter: stored.delimiter, columns: stored.headers.length },
    });
    return presentFile(row);
  });
}
