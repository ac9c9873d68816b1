import type { UseCaseContext } from '../../platform/use-case.js';
import { hidesHealthFiles } from './attachments.repo.js';
import { presentAttachment } from './attachments.present.js';
import { findCase } from './cases.repo.js';
import { medicalCertificates } from './medical-certificates.js';

/** Attachments of a case (medical certificates absent for those who may not see health information). */
export async function listAttachments({ caseId }: { caseId: string }, { actor, db }: UseCaseContext) {
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
  return { items: rows.map(presentAttachment) };
}

