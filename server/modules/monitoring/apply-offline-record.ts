import type { OfflineConflictDetails, OfflineRecordBody } from '../../../shared/schemas/monitoring.js';
import { can, requirePermission } from '../../platform/actor.js';
import { joinTransaction } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseFieldPolicy, findCase } from '../cases/index.js';
import { errors } from './monitoring.errors.js';
import { recordVisit } from './record-visit.js';
import { openVisitRow } from './visit-sealing.js';
import { loadVisit, presentVisit, scoresOf, selectVisits, sensitiveVisible } from './visits.repo.js';

interface StoredResult { clientId: string; visitId: string; caseId: string; status: 'applied'; visitVersion: number; receivedAt: string }

/** The refusals of `recordVisit` that mean the visit changed on the server since the record was based on it. */
const changedOnServer = (e: unknown) =>
  e instanceof AppError && (e.code === 'PRECONDITION_FAILED' || e.code === 'MONITORING_VISIT_RECORDED');

/**
 * Applies a visit recorded offline, exactly once per `clientId` (the id the browser made when the
 * record was saved): the upload row is claimed first in the transaction that records the visit
 * (the same `recordVisit` as online, with its audit), so a retry, even a concurrent one, answers
 * the stored result and records nothing again. If the visit changed since `baseVersion` (recorded
 * online, by another device, or cancelled), nothing is applied: 409 `MONITORING_OFFLINE_CONFLICT`
 * with the server's values (as the reader may see them) and the offline record, and the officer
 * sends a record merged field by field (`merged`) against the current version, with the same id.
 */
export async function applyOfflineRecord({ visitId, clientId, baseVersion, merged, record }: { visitId: string } & OfflineRecordBody, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.visit.record');
  const { case_id: caseId } = await loadVisit(db, visitId);
  try {
    return await db.transaction().execute(async (trx) => {
      // The case first, then the upload row (whose key locks the visit's), then the visit: the same
      // order as an online recording (case, visit), so the two never wait for each other in a circle.
      await trx.selectFrom('return_case').select('id').where('id', '=', caseId).forUpdate().execute();
      const receivedAt = clock.now();
      const claimed = await trx.insertInto('monitoring_offline_upload')
        .values({ client_id: clientId, visit_id: visitId, user_id: actor.userId, based_on_version: baseVersion, result: '{}', received_at: receivedAt })
        .onConflict((oc) => oc.column('client_id').doNothing())
        .returning('client_id').executeTakeFirst();
      if (!claimed) {
        const stored = await trx.selectFrom('monitoring_offline_upload').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
        if (stored.user_id !== actor.userId || stored.visit_id !== visitId) throw errors.MONITORING_OFFLINE_ID_REUSED();
        return { ...(stored.result as StoredResult), replayed: true };
      }
      await recordVisit({ visitId, expectedVersion: baseVersion, body: { ...record, componentUse: record.componentUse ?? [] }, amend: merged, offline: { clientId, baseVersion } }, { ...ctx, db: joinTransaction(trx) });
      const v = await trx.selectFrom('monitoring_visit').select(['version']).where('id', '=', visitId).executeTakeFirstOrThrow();
      const result: StoredResult = { clientId, visitId, caseId, status: 'applied', visitVersion: v.version, receivedAt: receivedAt.toISOString() };
      await trx.updateTable('monitoring_offline_upload').set({ result: JSON.stringify(result) }).where('client_id', '=', clientId).execute();
      return { ...result, replayed: false };
    });
  } catch (e) {
    // Rolled back: no upload row, nothing recorded. The conflict is answered outside the transaction.
    if (!changedOnServer(e)) throw e;
    throw await conflict(ctx, caseId, visitId, record);
  }
}

async function conflict(ctx: UseCaseContext, caseId: string, visitId: string, offline: OfflineRecordBody['record']) {
  const { actor, db } = ctx;
  const c = await findCase(db, actor, caseId, 'monitoring.visit.record');
  const row = await openVisitRow(db, await selectVisits(db).where('v.id', '=', visitId).executeTakeFirstOrThrow());
  const policy = await caseFieldPolicy(db, actor, c);
  const v = presentVisit(row, await scoresOf(db, [visitId]), sensitiveVisible(actor, policy.sensitiveNotes, row.recorder_office_id), can(actor, 'monitoring.score.read'));
  if (v.status === 'cancelled') return errors.MONITORING_OFFLINE_VISIT_CANCELLED({ visitId });
  const details: OfflineConflictDetails = {
    visitId,
    currentVersion: v.version,
    server: {
      status: v.status as 'planned' | 'recorded', method: v.method as OfflineConflictDetails['server']['method'], visitedOn: v.visitedOn, outcome: v.outcome as OfflineConflictDetails['server']['outcome'],
      notReachedReason: v.notReachedReason as OfflineConflictDetails['server']['notReachedReason'], componentUse: v.componentUse as OfflineConflictDetails['server']['componentUse'],
      ...('sensitiveNotes' in v ? { sensitiveNotes: v.sensitiveNotes } : {}), nextSteps: v.nextSteps, instrumentVersionId: v.instrumentVersionId,
      ...('answers' in v ? { answers: v.answers } : {}), recordedByName: v.recordedByName, recordedAt: v.recordedAt ? new Date(v.recordedAt).toISOString() : null,
    },
    offline,
  };
  return errors.MONITORING_OFFLINE_CONFLICT(details as unknown as Record<string, unknown>);
}
