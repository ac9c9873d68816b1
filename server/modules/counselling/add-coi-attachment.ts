import { createHash } from 'node:crypto';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { sniffContentType } from '../cases/index.js';
import { caseErrors } from '../cases/index.js';
import { Deps, entryNotFound } from './coi.repo.js';
import { presentAttachment } from './coi.present.js';

const safeName = (name: string) => name.replace(/[\\/\u0000-\u001F]/g, '_').slice(0, 200) || 'file';

export async function addCoiAttachment(actor: Actor, id: string, file: { fileName: string; content: Buffer; description?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  if (!file.content.length) throw caseErrors.ATTACHMENT_EMPTY();
  const contentType = await sniffContentType(file.content, file.fileName);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('coi_entry').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!e) throw entryNotFound();
    const row = await trx
      .insertInto('coi_attachment')
      .values({ entry_id: id, entry_version: e.version, file_name: safeName(file.fileName), content_type: contentType, size_bytes: file.content.length, sha256, description: file.description?.trim().slice(0, 500) || null, content: file.content, uploaded_by: actor.userId, created_at: clock.now() })
      .returning(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'description', 'entry_version', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'coi.attachment.added', entityType: 'coi_attachment', entityId: row.id,
      after: { entryId: id, fileName: row.file_name, contentType, sizeBytes: row.size_bytes, sha256 },
    });
    return presentAttachment({ ...row, uploader_name: actor.name });
  });
}
