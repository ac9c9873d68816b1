import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseFieldPolicy } from './field-policy.js';
import { findCase } from './cases.repo.js';
import { openNoteBody } from './note-sealing.js';
import { presentNote } from './notes.present.js';

/** Notes of a case; sensitive ones are absent for actors without the right, and reading them is audited. */
export async function listNotes({ caseId }: { caseId: string }, { actor, db }: UseCaseContext) {
  const c = await findCase(db, actor, caseId, 'case.read');
  // The origin office reads sensitive (counselling) notes only with the returnee's consent.
  const sensitiveAllowed = (await caseFieldPolicy(db, actor, c)).sensitiveNotes;
  let q = db
    .selectFrom('case_note as n')
    .innerJoin('app_user as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.body_encrypted', 'n.sensitive', 'n.created_at', 'n.author_id', 'u.name as author_name'])
    .where('n.case_id', '=', caseId);
  if (!sensitiveAllowed) q = q.where('n.sensitive', '=', false);
  const notes = await q.orderBy('n.created_at', 'desc').execute();
  if (notes.some((n) => n.sensitive)) {
    await audit(db, auditContextOf(actor), { event: 'case.notes.sensitive.viewed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id });
  }
  const items = await Promise.all(notes.map(async (n) => presentNote({ ...n, body: await openNoteBody(db, n) })));
  return { items };
}
