import type { ImportEntity, ImportMapping } from '../../../shared/schemas/imports.js';
import { requirePermission, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './imports.errors.js';
import { checkMapping } from './legacy-csv.js';
import { importOffice, officesInScope } from './offices.js';
import { presentRun } from './present.js';
import { batchesFor } from './run-import.js';

const runs = (ex: Executor, actor: Actor) => {
  const scope = officesInScope(actor);
  let q = ex.selectFrom('import_run as r').innerJoin('import_file as f', 'f.id', 'r.file_id').innerJoin('office as o', 'o.id', 'r.office_id')
    .leftJoin('import_file as cf', 'cf.id', 'r.cases_file_id')
    .selectAll('r').select(['f.file_name', 'cf.file_name as cases_file_name']);
  if (scope === 'all') return q;
  if (Array.isArray(scope)) q = q.where('r.office_id', 'in', scope);
  else q = q.where('o.organisation_id', '=', scope.organisationId);
  return q;
};

/** One run the actor may see (their import scope), or 404. */
export async function findRun(ex: Executor, actor: Actor, runId: string) {
  const run = await runs(ex, actor).where('r.id', '=', runId).executeTakeFirst();
  if (!run) throw errors.IMPORT_RUN_NOT_FOUND();
  return run;
}

/**
 * Starts a dry run or an import of an uploaded file with a mapping: the mapping is checked against
 * the file's header (required fields, known columns) before anything is queued. The caller sends
 * the job; the run is the progress record the user watches.
 */
export async function startRun(
  input: { fileId: string; mode: 'dry_run' | 'import'; entity?: ImportEntity; mapping: ImportMapping; source: string; casesFileId?: string; casesMapping?: ImportMapping },
  { actor, db, clock }: UseCaseContext,
) {
  requirePermission(actor, 'import.run');
  return db.transaction().execute(async (trx) => {
    // Locked: the end of another run of this file removes it or waits for this one (`finish` in run-import.ts).
    const fileOf = async (id: string, field: 'fileId' | 'casesFileId') => {
      const file = await trx.selectFrom('import_file').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!file) throw errors.IMPORT_FILE_NOT_FOUND({ field });
      try {
        await importOffice(trx, actor, file.office_id);
      } catch {
        throw errors.IMPORT_FILE_NOT_FOUND({ field });
      }
      if (file.removed_at) throw errors.IMPORT_FILE_REMOVED({ field });
      return file;
    };
    const file = await fileOf(input.fileId, 'fileId');
    const entity = input.entity ?? 'households';
    // A person file whose cases are in a file of their own: that file, of the same office, with its own mapping.
    const casesFile = input.casesFileId ? await fileOf(input.casesFileId, 'casesFileId') : null;
    if (casesFile && (casesFile.office_id !== file.office_id || casesFile.id === file.id)) throw errors.IMPORT_FILE_NOT_FOUND({ field: 'casesFileId' });
    checkMapping(input.mapping, file.headers, entity, { casesApart: !!casesFile });
    if (casesFile) checkMapping(input.casesMapping!, casesFile.headers, 'cases');
    const now = clock.now();
    const run = await trx.insertInto('import_run').values({
      file_id: file.id, office_id: file.office_id, mode: input.mode, entity, status: 'queued', source: input.source, mapping: JSON.stringify(input.mapping),
      cases_file_id: casesFile?.id ?? null, cases_mapping: casesFile ? JSON.stringify(input.casesMapping) : null,
      batches: batchesFor(Number(file.size_bytes) + Number(casesFile?.size_bytes ?? 0)), started_by: actor.userId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'import.started', entityType: 'import_run', entityId: run.id, officeId: file.office_id,
      after: {
        mode: input.mode, entity, fileName: file.file_name, sha256: file.sha256, source: input.source,
        ...(casesFile ? { casesFileName: casesFile.file_name, casesSha256: casesFile.sha256 } : {}),
      },
    });
    return presentRun({ ...(await findRun(trx, actor, run.id)) }, now);
  });
}

export async function getRun(input: { runId: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  return presentRun(await findRun(db, actor, input.runId), clock.now());
}

export async function listRuns(_input: object, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const rows = await runs(db, actor).orderBy('r.created_at', 'desc').limit(100).execute();
  return { items: rows.map((r) => presentRun(r, clock.now())) };
}

/** Asks a queued or running import to stop after its current batch (what is committed stays). */
export async function cancelRun(input: { runId: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  return db.transaction().execute(async (trx) => {
    const run = await findRun(trx, actor, input.runId);
    if (!['queued', 'running'].includes(run.status)) throw errors.IMPORT_RUN_FINISHED({ status: run.status });
    await trx.updateTable('import_run').set({ cancel_requested: true, updated_at: clock.now() }).where('id', '=', run.id).execute();
    await audit(trx, auditContextOf(actor), { event: 'import.cancelled', entityType: 'import_run', entityId: run.id, officeId: run.office_id, after: { requested: true } });
    return presentRun(await findRun(trx, actor, run.id), clock.now());
  });
}
