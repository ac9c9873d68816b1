import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { changeCase } from '../cases/index.js';
import { errors } from './monitoring.errors.js';
import { addScore, checkRescoreVersions } from './rescore.repo.js';
import { loadVisit } from './visits.repo.js';

/** Scores one recorded visit's answers again under a newer published version; both scores stay. */
export async function rescoreVisit({ visitId, instrumentVersionId }: { visitId: string; instrumentVersionId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'monitoring.visit.record');
  const { case_id: caseId } = await loadVisit(db, visitId);
  await changeCase(ctx, { caseId, permission: 'monitoring.visit.record' }, async ({ trx, case: c, now }) => {
    const v = await loadVisit(trx, visitId, true);
    if (!v.instrument_version_id) throw errors.MONITORING_VISIT_NOT_FOUND(undefined, 'This visit has no survey answers to score.');
    const { definition, to } = await checkRescoreVersions(trx, v.instrument_version_id, instrumentVersionId);
    const result = await addScore(trx, v, definition, instrumentVersionId, actor.userId, now);
    if (result) {
      await audit(trx, auditContextOf(actor), {
        event: 'monitoring.visit.rescored', entityType: 'monitoring_visit', entityId: v.id, caseId: c.id, officeId: c.office_id,
        after: { instrumentVersionId, versionNumber: to.number, composite: result.composite },
      });
    }
  });
  return { caseId };
}
