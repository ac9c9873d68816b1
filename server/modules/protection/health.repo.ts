import type { Executor } from '../../platform/db.js';

/**
 * The attachments of a case that are medical certificates (health records point to them): health
 * information, withheld with it. The cases module asks through its port (`server/compose.ts`).
 */
export async function medicalCertificateIds(ex: Executor, caseId: string): Promise<ReadonlySet<string>> {
  const rows = await ex
    .selectFrom('health_record')
    .select('certificate_attachment_id')
    .where('case_id', '=', caseId)
    .where('certificate_attachment_id', 'is not', null)
    .execute();
  return new Set(rows.map((h) => h.certificate_attachment_id!));
}
