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
import { xlsxLimitsFor, xlsxToCsv } from './xlsx-to-csv.js';

/** An Excel workbook by its name; its bytes are checked when it is converted. */
export const isXlsxName = (name: string) => /\.xlsx$/i.test(name.trim());

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
 * then reads its start: encoding, delimiter, header. An Excel workbook (.xlsx) is converted, its
 * first sheet streamed into UTF-8 CSV (`xlsx-to-csv.ts`), so the runs read one form; its digest is
 * the uploaded workbook's. A file over the limit, empty, not text, not a readable workbook, or
 * with too many columns is removed and refused. Nothing is recorded yet (`recordImportFile`).
 */
export async function receiveImportFile(
  input: { officeId?: string; fileName: string; stream: Readable; truncated: () => boolean; dataDir: string; importMaxBytes: number },
  { actor, db }: UseCaseContext,
): Promise<StoredUpload> {
  requirePermission(actor, 'import.run');
  const office = await importOffice(db, actor, input.officeId);
  await mkdir(importDir(input.dataDir), { recursive: true });
  const id = randomUUID();
  const storedName = `${id}.csv`;
  const target = importPath(input.dataDir, storedName);
  // A workbook is received beside its final name, then converted into the CSV form the runs read.
  const xlsx = isXlsxName(input.fileName);
  const received = xlsx ? importPath(input.dataDir, `${id}.xlsx`) : target;
  const hash = createHash('sha256');
  try {
    await pipeline(input.stream, new Transform({ transform(chunk: Buffer, _e, done) { hash.update(chunk); done(null, chunk); } }), createWriteStream(received, { flags: 'wx' }));
    if (input.truncated()) throw errors.IMPORT_FILE_TOO_LARGE();
    const { size } = await stat(received);
    if (!size) throw errors.IMPORT_FILE_EMPTY();
    const fileName = input.fileName.slice(0, 255) || 'import.csv';
    if (xlsx) {
      const { headers } = await xlsxToCsv(received, target, xlsxLimitsFor(input.importMaxBytes));
      await rm(received, { force: true });
      const converted = await stat(target);
      return { officeId: office.id, fileName, storedName, path: target, sha256: hash.digest('hex'), sizeBytes: converted.size, encoding: 'utf-8', delimiter: ',', headers };
    }
    const { encoding, delimiter, headers } = await inspectFile(target);
    return { officeId: office.id, fileName, storedName, path: target, sha256: hash.digest('hex'), sizeBytes: size, encoding, delimiter, headers };
  } catch (err) {
    await rm(target, { force: true });
    if (received !== target) await rm(received, { force: true });
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
