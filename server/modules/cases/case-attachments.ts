import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor, Clock } from '../../platform/actor.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { caseFieldPolicy } from './field-policy.js';
import { medicalCertificates } from './medical-certificates.js';
import { findCase, type CaseRow } from './cases.repo.js';
import { errors } from './cases.errors.js';

/** What may be attached: documents and photos. The type is sniffed from the bytes, never trusted from the client. */
const ALLOWED = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/** Plain text has no magic number: accept it only when it decodes as UTF-8 with no control bytes. */
function looksLikeText(buf: Buffer) {
  if (buf.includes(0)) return false;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return !text.includes('\uFFFD') && !/[\u0001-\u0008\u000E-\u001F]/.test(text);
}

export async function sniffContentType(buf: Buffer, fileName: string): Promise<string> {
  const detected = await fileTypeFromBuffer(buf);
  if (detected && ALLOWED.has(detected.mime)) return detected.mime;
  if (!detected && /\.(txt|csv)$/i.test(fileName) && looksLikeText(buf)) return 'text/plain; charset=utf-8';
  throw errors.ATTACHMENT_TYPE_NOT_ALLOWED({
    detected: detected?.mime ?? 'unknown',
  });
}

const safeName = (name: string) => name.replace(/[\\/\u0000-\u001F]/g, '_').slice(0, 200) || 'file';

export async function addAttachment(
  actor: Actor,
  caseId: string,
  file: { fileName: string; content: Buffer; description?: string },
  { db, clock }: { db: Db; clock: Clock },
) {
  requirePermission(actor, 'case.attachment.write');
  await findCase(db, actor, caseId, 'case.attachment.write');
  if (!file.content.length) throw errors.ATTACHMENT_EMPTY();
  const contentType = await sniffContentType(file.content, file.fileName);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'case.attachment.write');
    const row = await trx
      .insertInto('case_attachment')
      .values({
        case_id: caseId,
        file_name: safeName(file.fileName),
        content_type: contentType,
        size_bytes: file.content.length,
        sha256,
        description: file.description?.slice(0, 500) || null,
        content: file.content,
        uploaded_by: actor.userId,
        created_at: clock.now(),
      })
      .returning(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'description', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'case.attachment.added', entityType: 'attachment', entityId: row.id, caseId, officeId: c.office_id,
      after: { fileName: row.file_name, contentType, sizeBytes: row.size_bytes, sha256, description: row.description },
    });
    return present({ ...row, uploader_name: actor.name });
  });
}

const present = (a: { id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; description: string | null; created_at: Date; uploader_name: string }) => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  description: a.description,
  uploadedByName: a.uploader_name,
  createdAt: a.created_at.toISOString(),
});

/**
 * Medical certificates (the files health records point to) are health information: the office in
 * the country of return neither lists nor downloads them unless the returnee consented to share it.
 */
async function hidesHealthFiles(db: Db, actor: Actor, c: CaseRow) {
  return !(await caseFieldPolicy(db, actor, c)).healthInformation;
}

export async function listAttachments(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const hidden = (await hidesHealthFiles(db, actor, c)) ? [...(await medicalCertificates(db, c.id))] : [];
  const rows = await db
    .selectFrom('case_attachment as a')
    .innerJoin('app_user as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.file_name', 'a.content_type', 'a.size_bytes', 'a.sha256', 'a.description', 'a.created_at', 'u.name as uploader_name'])
    .where('a.case_id', '=', caseId)
    .$if(hidden.length > 0, (q) => q.where('a.id', 'not in', hidden))
    .orderBy('a.created_at', 'desc')
    .execute();
  return { items: rows.map(present) };
}

/** Whether a file is an attachment of the case (found with `findCase`): what other records may refer to. */
export async function isCaseAttachment(ex: Executor, c: { id: string }, attachmentId: string): Promise<boolean> {
  return Boolean(await ex.selectFrom('case_attachment').select('id').where('id', '=', attachmentId).where('case_id', '=', c.id).executeTakeFirst());
}

/** Downloading a file of a case is a read of a sensitive record: audited. */
export async function downloadAttachment(actor: Actor, caseId: string, attachmentId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const row = await db
    .selectFrom('case_attachment')
    .select(['id', 'file_name', 'content_type', 'content'])
    .where('case_id', '=', caseId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) throw errors.ATTACHMENT_NOT_FOUND();
  if ((await hidesHealthFiles(db, actor, c)) && (await medicalCertificates(db, c.id)).has(row.id)) throw errors.ATTACHMENT_NOT_FOUND();
  await audit(db, auditContextOf(actor), { event: 'case.attachment.downloaded', entityType: 'attachment', entityId: row.id, caseId, officeId: c.office_id });
  return row;
}
