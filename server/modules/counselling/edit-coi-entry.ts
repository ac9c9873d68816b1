import type { CoiEditInput } from '../../../shared/schemas/counselling.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { staleVersion } from '../../platform/http.js';
import { Deps, entryNotFound, insertVersion, readCoiEntry } from './coi.repo.js';

/** Editing never overwrites: it adds a version, and the entry shows the newest. */
export async function editCoiEntry(actor: Actor, id: string, expected: number, input: CoiEditInput, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('coi_entry').select(['id', 'version', 'title', 'language', 'information_date']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!e) throw entryNotFound();
    if (e.version !== expected) throw staleVersion();
    const version = e.version + 1;
    await insertVersion(trx, actor, id, version, input, now);
    await trx.updateTable('coi_entry').set({ title: input.title, language: input.language, information_date: input.informationDate, version, updated_at: now }).where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'coi.entry.updated', entityType: 'coi_entry', entityId: id,
      before: { version: e.version, title: e.title, language: e.language, informationDate: e.information_date }, after: { ...input, version },
    });
    return readCoiEntry(trx, id, now);
  });
}
