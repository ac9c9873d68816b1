import type { Executor } from '../../platform/db.js';

/** Reads which attachments of a case are medical certificates (health records point to them). */
export type MedicalCertificatesReader = (ex: Executor, caseId: string) => Promise<ReadonlySet<string>>;

/*
 * Health records are the protection module's (`health_record`), and protection imports the cases
 * module; a medical certificate is an attachment of the case, health information that the attachment
 * list and the audit values withhold. So that cases never imports protection, it declares this port
 * and `server/compose.ts` connects protection's reader to it.
 */
let reader: MedicalCertificatesReader | undefined;

/** Connects the reader of medical certificates (done once, by `server/compose.ts`). */
export function provideMedicalCertificates(read: MedicalCertificatesReader): void {
  reader = read;
}

/** The ids of the case's attachments that are medical certificates. Throws when the reader is not connected. */
export function medicalCertificates(ex: Executor, caseId: string): Promise<ReadonlySet<string>> {
  if (!reader) throw new Error('The medical certificates of a case are not connected: import server/compose.ts.');
  return reader(ex, caseId);
}
