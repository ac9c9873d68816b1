import type { Actor, Clock } from '../../platform/actor.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { caseFieldPolicy } from './field-policy.js';
import { canReadSensitiveNotes } from './cases.policy.js';
import { findCase } from './cases.repo.js';
import { platformErrors } from '../../platform/platform.errors.js';

const present = (n: { id: string; body: string; sensitive: boolean; created_at: Date; author_id: string; author_name: string }) => ({
  id: n.id,
  body: n.body,
  sensitive: n.sensitive,
  authorId: n.author_id,
  authorName: n.author_name,
  createdAt: n.created_at.toISOString(),
});

/** Notes of a case; sensitive ones are absent for actors without the right, and reading them is audited. */
export async function listNotes(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  // The origin office reads sensitive (counselling) notes only with the returnee's consent.
  const sensitiveAllowed = (await caseFieldPolicy(db, actor, c)).sensitiveNotes;
  let q = db
    .selectFrom('case_note as n')
    .innerJoin('app_user as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.body', 'n.sensitive', 'n.created_at', 'n.author_id', 'u.name as author_name'])
    .where('n.case_id', '=', caseId);
  if (!sensitiveAllowed) q = q.where('n.sensitive', '=', false);
  const notes = await q.orderBy('n.created_at', 'desc').execute();
  if (notes.some((n) => n.sensitive)) {
    await audit(db, auditContextOf(actor), { event: 'case.notes.sensitive.viewed', entityType: 'case', entityId: caseId, caseId, officeId: c.office_id });
  }
  return { items: notes.map(present) };
}

export async function addNote(actor: Actor, caseId: string, input: { body: string; sensitive: boolean }, { db, clock }: { db: Db; clock: Clock }) {
  requirePermission(actor, 'case.note.write');
  if (input.sensitive && !canReadSensitiveNotes(actor)) {
    // Writing a note one could not read back would be a trap.
    throw platformErrors.FORBIDDEN({ field: 'sensitive' }, 'You may not write sensitive notes.');
  }
  return db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'case.note.write');
    const row = await trx
      .insertInto('case_note')
      .values({ case_id: caseId, author_id: actor.userId, body: input.body, sensitive: input.sensitive, created_at: clock.now() })
      .returning(['id', 'body', 'sensitive', 'created_at', 'author_id'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'case.note.added', entityType: 'note', entityId: row.id, caseId, officeId: c.office_id, after: { body: input.body, sensitive: input.sensitive } });
    return present({ ...row, author_name: actor.name });
  });
}
