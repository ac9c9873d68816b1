import { type Actor } from '../../platform/actor.js';
import { Deps, SETTINGS_ETAG_ID, coiSettings, requireCoiRead } from './coi.repo.js';

export async function readCoiSettings(actor: Actor, { db }: Deps) {
  requireCoiRead(actor);
  return { ...(await coiSettings(db)), id: SETTINGS_ETAG_ID };
}
