import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { presentTransition, stageTransitions } from './case-history.js';
import { readCase } from './open-case.js';

/**
 * The printable summary of a case: the case as the actor may see it (the field policy applies as
 * on screen), its household and its stage history, with who produced it and when. A printout
 * leaves the system, so producing one is audited, each time.
 */
export async function printCaseSummary({ caseId }: { caseId: string }, { actor, db, clock }: UseCaseContext) {
  const view = await readCase(db, actor, caseId);
  const transitions = await stageTransitions(db, caseId, 'asc');
  // Moves made in the same instant (a registration and its first move) read in the order of the chain.
  const ordered = chainOrder(transitions);
  const printer = await db.selectFrom('app_user').select('name').where('id', '=', actor.userId).executeTakeFirst();
  const printedAt = clock.now();
  await audit(db, auditContextOf(actor), { event: 'case.summary.printed', entityType: 'case', entityId: caseId, caseId, officeId: view.officeId });
  return {
    case: view,
    transitions: ordered.map(presentTransition),
    printedAt: printedAt.toISOString(),
    printedBy: printer?.name ?? '',
  };
}

/** Orders moves by time and, within the same instant, so that each starts where the one before ended. */
function chainOrder<T extends { from_stage: string | null; to_stage: string; at: Date }>(rows: T[]): T[] {
  const out: T[] = [];
  const rest = [...rows];
  while (rest.length > 0) {
    const first = rest[0].at.getTime();
    const tied = rest.filter((r) => r.at.getTime() === first);
    const last = out[out.length - 1]?.to_stage ?? null;
    const next = tied.find((r) => r.from_stage === last) ?? tied[0];
    out.push(next);
    rest.splice(rest.indexOf(next), 1);
  }
  return out;
}
