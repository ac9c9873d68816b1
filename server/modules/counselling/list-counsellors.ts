import { can, requirePermission, type Actor } from '../../platform/actor.js';
import { Deps, counsellorsOf } from './sessions.repo.js';

export async function listCounsellors(actor: Actor, { db }: Deps) {
  if (!can(actor, 'counselling.write')) requirePermission(actor, 'case.read');
  if (!actor.officeId) return { items: [] };
  return { items: await counsellorsOf(db, actor.officeId) };
}
