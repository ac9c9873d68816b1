import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { hidesHealthFiles } from './attachments.repo.js';
import { findCase } from './cases.repo.js';
import { errors } from './cases.errors.js';
import { medicalCertificates } from './medical-certificates.js';

/** Downloading a file of a case is a read of a sensitive record: audited. */
export async function downloadAttachment({ caseId, attachmentId }: { caseId: string; attachmentId: string }, { actor, db }: UseCaseContext) {
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
