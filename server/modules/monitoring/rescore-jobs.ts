import { sql } from 'kysely';
import type { Clock } from '../../platform/actor.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './monitoring.errors.js';
import { addScore, checkRescoreVersions } from './rescore.repo.js';
import { AppError } from '../../platform/errors.js';

export interface RescoreCohort { fromVersionId: string; toVersionId: string; country?: string; projectId?: string }

/** The visits of a cohort: answered under `fromVersionId` (and the country or project asked for). */
function cohort(ex: Executor, f: { from_version_id: string; to_version_id: string; country: string | null; project_id: string | null }) {
  let q = ex.selectFrom('monitoring_visit as v').innerJoin('return_case as c', 'c.id', 'v.case_id')
    .where('v.instrument_version_id', '=', f.from_version_id).where('v.status', '=', 'recorded');
  if (f.country) q = q.where('c.country_of_return', '=', f.country);
  if (f.project_id) q = q.where('c.project_id', '=', f.project_id);
  return q;
}

const presentJob = (j: { id: string; from_version_id: string; to_version_id: string; country: string | null; project_id: string | null; status: string; total: number; done: number; refused: number; created_at: Date; finished_at: Date | string | null }) => ({
  id: j.id, fromVersionId: j.from_version_id, toVersionId: j.to_version_id, country: j.country, projectId: j.project_id,
  status: j.status as 'queued' | 'running' | 'done' | 'failed', total: j.total, done: j.done, refused: j.refused, createdAt: j.created_at, finishedAt: j.finished_at,
});

/**
 * Asks for a cohort's re-scoring under a newer published version (the programme's instrument
 * managers: no personal data is answered, only progress). The `monitoring.rescore` job works it.
 */
export async function requestRescore(input: RescoreCohort, ctx: UseCaseContext) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.instrument.manage');
  const id = await db.transaction().execute(async (trx) => {
    await checkRescoreVersions(trx, input.fromVersionId, input.toVersionId);
    const filter = { from_version_id: input.fromVersionId, to_version_id: input.toVersionId, country: input.country ?? null, project_id: input.projectId ?? null };
    const { n } = await cohort(trx, filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const row = await trx.insertInto('monitoring_rescore_job').values({
      ...filter, total: Number(n), requested_by: actor.userId, requested_office_id: actor.officeId, created_at: clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'monitoring.rescore.requested', entityType: 'monitoring_rescore_job', entityId: row.id, after: { ...input, total: Number(n) } });
    return row.id;
  });
  return getRescoreJob({ jobId: id }, ctx);
}

export async function getRescoreJob({ jobId }: { jobId: string }, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'monitoring.instrument.manage');
  const j = await ctx.db.selectFrom('monitoring_rescore_job').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!j) throw errors.MONITORING_VISIT_NOT_FOUND(undefined, 'The re-scoring was not found.');
  return presentJob(j);
}

export async function listRescoreJobs(_input: Record<string, never>, ctx: UseCaseContext) {
  requirePermission(ctx.actor, 'monitoring.instrument.manage');
  const rows = await ctx.db.selectFrom('monitoring_rescore_job').selectAll().orderBy('created_at', 'desc').limit(50).execute();
  return { items: rows.map(presentJob) };
}

/**
 * The `monitoring.rescore` job: takes the oldest queued re-scoring (skipping one another process
 * holds) and scores its visits in batches, each batch committed with the progress, so that the
 * page shows done/total as it goes; a visit already scored under the version is counted once.
 */
export async function runRescoreJobs(db: Db, clock: Clock, batch = 200) {
  const job = await db.transaction().execute(async (trx) => {
    const j = await trx.selectFrom('monitoring_rescore_job').selectAll().where('status', 'in', ['queued', 'running'])
      .orderBy('created_at').limit(1).forUpdate().skipLocked().executeTakeFirst();
    if (j) await trx.updateTable('monitoring_rescore_job').set({ status: 'running' }).where('id', '=', j.id).execute();
    return j;
  });
  if (!job) return null;
  const { definition } = await db.transaction().execute((trx) => checkRescoreVersions(trx, job.from_version_id, job.to_version_id));
  for (;;) {
    const progressed = await db.transaction().execute(async (trx) => {
      const visits = await cohort(trx, job)
        .where((eb) => eb.not(eb.exists(eb.selectFrom('monitoring_visit_score as s').select('s.id').whereRef('s.visit_id', '=', 'v.id').where('s.instrument_version_id', '=', job.to_version_id))))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('audit_event as a').select('a.id').where('a.event', '=', 'monitoring.visit.rescored').where(sql<boolean>`a.entity_id = v.id AND a.details->>'refusedByJob' = ${job.id}`))))
        .select(['v.id', 'v.answers', 'c.id as case_id', 'c.office_id']).orderBy('v.id').limit(batch).execute();
      let refused = 0;
      for (const v of visits) {
        try {
          await addScore(trx, v, definition, job.to_version_id, job.requested_by, clock.now(), job.id);
          await audit(trx, { actorId: job.requested_by, officeId: job.requested_office_id, ip: null }, {
            event: 'monitoring.visit.rescored', entityType: 'monitoring_visit', entityId: v.id, caseId: v.case_id, officeId: v.office_id, after: { instrumentVersionId: job.to_version_id, jobId: job.id },
          });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          refused += 1;
          await audit(trx, { actorId: job.requested_by, officeId: job.requested_office_id, ip: null }, {
            event: 'monitoring.visit.rescored', entityType: 'monitoring_visit', entityId: v.id, caseId: v.case_id, officeId: v.office_id, details: { refusedByJob: job.id, code: e.code },
          });
        }
      }
      await trx.updateTable('monitoring_rescore_job').set((eb) => ({ done: eb('done', '+', visits.length), refused: eb('refused', '+', refused) })).where('id', '=', job.id).execute();
      return visits.length;
    });
    if (progressed < batch) break;
  }
  await db.updateTable('monitoring_rescore_job').set({ status: 'done', finished_at: clock.now() }).where('id', '=', job.id).execute();
  return job.id;
}
