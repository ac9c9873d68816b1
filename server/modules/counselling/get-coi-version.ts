import { type Actor } from '../../platform/actor.js';
import { Deps, entryNotFound, loadVersion, requireCoiRead } from './coi.repo.js';

export async function getCoiVersion(actor: Actor, id: string, version: number, { db }: Deps) {
  requireCoiRead(actor);
  const e = await db.selectFrom('coi_entry').select(['id', 'country_code', 'topic']).where('id', '=', id).executeTakeFirst();
  if (!e) throw entryNotFound();
  return { entryId: e.id, country: e.country_code, topic: e.topic, ...(await loadVersion(db, id, version)) };
}
