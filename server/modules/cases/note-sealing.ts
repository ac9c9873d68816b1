import type { Db, Executor } from '../../platform/db.js';
import { openSealed, sealFor } from '../../platform/person-keys.js';

/**
 * A sensitive note concerns the household: its body is sealed for the case's principal applicant
 * (`platform/person-keys.ts`), whose key erasure destroys. Ordinary notes stay in clear.
 */
export const sealNoteBody = (ex: Executor, principalPersonId: string, body: string) => sealFor(ex, principalPersonId, body);

/** A note's body as read: opened when sealed (the erased marker once the key is destroyed), in clear otherwise. */
export async function openNoteBody(ex: Executor, n: { body: string | null; body_encrypted: string | null }): Promise<string> {
  if (n.body_encrypted !== null) return (await openSealed(ex, n.body_encrypted))!;
  return n.body ?? '';
}

/**
 * Seals the sensitive notes stored in clear before migration 0063 (the background job
 * `platform.seal-clear-values`), 100 per transaction, rows another process holds skipped for the
 * next round. Answers how many notes it sealed.
 */
export async function sealClearSensitiveNotes(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('case_note as n').innerJoin('return_case as c', 'c.id', 'n.case_id')
        .select(['n.id', 'n.body', 'c.principal_person_id'])
        .where('n.sensitive', '=', true).where('n.body', 'is not', null)
        .limit(100).forUpdate('n').skipLocked().execute();
      for (const r of rows) {
        await trx.updateTable('case_note').set({ body: null, body_encrypted: await sealNoteBody(trx, r.principal_person_id, r.body!) }).where('id', '=', r.id).execute();
      }
      return rows.length;
    });
    if (!n) return done;
    done += n;
  }
}
