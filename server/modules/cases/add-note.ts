import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { canReadSensitiveNotes } from './cases.policy.js';
import { findCase } from './cases.repo.js';
import { sealNoteBody } from './note-sealing.js';
import { presentNote } from './notes.present.js';
import { platformErrors } from '../../platform/platform.errors.js';

/**
 * Adds a note to a case (sensitive only for those who may read sensitive notes back). A sensitive
 * note's body is stored and audited sealed for the principal applicant.
 */
export async function addNote({ caseId, body, sensitive }: { caseId: string; body: string; sensitive: boolean }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.note.write');
  if (sensitive && !canReadSensitiveNotes(actor)) {
    // Writing a note one could not read back would be a trap.
    throw platformErrors.FORBIDDEN({ field: 'sensitive' }, 'You may not write sensitive notes.');
  }
  return db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'case.note.write');
    const sealed = sensitive ? await sealNoteBody(trx, c.principal_person_id, body) : null;
    const row = await trx
      .insertInto('case_note')
      .values({ case_id: caseId, author_id: actor.userId, body: sealed ? null : body, body_encrypted: sealed, sensitive, created_at: clock.now() })
      .returning(['id', 'sensitive', 'created_at', 'author_id'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'case.note.added', entityType: 'note', entityId: row.id, caseId, officeId: c.office_id, after: { body: sealed ?? body, sensitive } });
    return presentNote({ ...row, body, author_name: actor.name });
  });
}
