import { createHash } from 'node:crypto';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { sniffContentType } from './attachments.repo.js';
import { presentAttachment } from './attachments.present.js';
import { findCase } from './cases.repo.js';
import { errors } from './cases.errors.js';

const safeName = (name: string) => name.replace(/[\\/\u0000-\u001F]/g, '_').slice(0, 200) || 'file';

/** Attaches a file to a case; its type is sniffed from the bytes against the allow-list. */
export async function addAttachment(
  { caseId, file }: { caseId: string; file: { fileName: string; content: Buffer; description?: string } },
  { actor, db, clock }: UseCaseContext,
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
    return presentAttachment({ ...row, uploader_name: actor.name });
  });
}

