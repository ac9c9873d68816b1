import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../../platform/actor.js';
import type { Executor } from '../../platform/db.js';
import { caseFieldPolicy } from './field-policy.js';
import type { CaseRow } from './cases.repo.js';
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

/**
 * Medical certificates (the files health records point to) are health information: the office in
 * the country of return neither lists nor downloads them unless the returnee consented to share it.
 */
export async function hidesHealthFiles(ex: Executor, actor: Actor, c: CaseRow) {
  return !(await caseFieldPolicy(ex, actor, c)).healthInformation;
}

/** Whether a file is an attachment of the case (found with `findCase`): what other records may refer to. */
export async function isCaseAttachment(ex: Executor, c: { id: string }, attachmentId: string): Promise<boolean> {
  return Boolean(await ex.selectFrom('case_attachment').select('id').where('id', '=', attachmentId).where('case_id', '=', c.id).executeTakeFirst());
}
