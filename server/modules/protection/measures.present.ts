import { type Actor, type Clock } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { findCase } from '../cases/index.js';
import { todayOf } from './present.js';
import { loadMeasure, protectionPresenter } from './protection.repo.js';

/** One measure as the actor reads it (after a write). */
export async function presentOne(db: Db, actor: Actor, caseId: string, id: string, clock: Clock) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const m = await loadMeasure(db, caseId, id);
  return (await protectionPresenter(db, actor, c, todayOf(clock.now()))).measure(m!);
}
