import { findCase, moveCase, TRANSITIONS } from '../../modules/cases/index.js';
import type { DemoMove } from './demo-context.js';

/** TEMPORARY: a bare stage move until the action's use case is wired into DEMO_ACTIONS. */
export async function placeholderMove(m: DemoMove) {
  const tr = TRANSITIONS.find((t) => t.from === m.from && t.to === m.to)!;
  const actor = m.actor(tr.permission === 'case.approve' ? 'manage' : 'case', tr.permission);
  await m.db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, m.caseId, 'case.read', true);
    await moveCase(trx, actor, c, m.to, tr.via!, m.reason, m.at);
  });
}
