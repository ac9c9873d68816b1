import { auditContextOf, auditRead } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { erasureBlockers, erasureCounts, erasureTarget } from './erasure-inventory.js';
import { officerPerson } from './person-protection-state.js';

/**
 * What an erasure of the person would destroy now (counts per kind) and what blocks it (a legal
 * hold, an open reintegration payment, an active case), for the officer to confirm. Audited as a
 * read, with the counts only.
 */
export async function erasurePreview({ personId }: { personId: string }, { actor, db }: UseCaseContext) {
  const person = await officerPerson(db, actor, personId, 'person.erasure');
  const target = await erasureTarget(db, person.id);
  const [counts, blockers] = await Promise.all([erasureCounts(db, target), erasureBlockers(db, target)]);
  await auditRead(db, auditContextOf(actor), { event: 'person.erasure.previewed', entityType: 'person', entityId: person.id, details: { blockers } });
  return { personId: person.id, counts: person.erased_at ? counts.map((c) => ({ ...c, count: 0 })) : counts, blockers };
}
