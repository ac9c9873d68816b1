import { type Actor } from '../../platform/actor.js';
import { Deps, readCoiEntry, requireCoiRead } from './coi.repo.js';

export async function getCoiEntry(actor: Actor, id: string, { db, clock }: Deps) {
  requireCoiRead(actor);
  return readCoiEntry(db, id, clock.now());
}
