import type { CoiEntryInput } from '../../../shared/schemas/counselling.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { Deps, insertVersion, readCoiEntry } from './coi.repo.js';

export async function createCoiEntry(actor: Actor, input: CoiEntryInput, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const e = await trx
      .insertInto('coi_entry')
      .values({ country_code: input.country, topic: input.topic, title: input.title, language: input.language, information_date: input.informationDate, version: 1, created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertVersion(trx, actor, e.id, 1, input, now);
    await audit(trx, auditContextOf(actor), { event: 'coi.entry.created', entityType: 'coi_entry', entityId: e.id, after: { ...input, version: 1 } });
    return readCoiEntry(trx, e.id, now);
  });
}
