import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Selectable } from 'kysely';
import type { CaseExportInput } from '../../../shared/schemas/case-exports.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import type { CaseExportTable } from './cases.tables.js';
import { errors } from './cases.errors.js';
import { exportPath } from './run-case-export.js';

/** How long the file of an export may be downloaded. */
export const CASE_EXPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Exports a user may have queued or running at once. */
export const CASE_EXPORTS_IN_FLIGHT = 3;

type ExportRecord = Selectable<CaseExportTable>;

export function presentExport(e: ExportRecord, now: Date) {
  const expired = e.removed_at !== null || e.expires_at.getTime() <= now.getTime();
  return {
    id: e.id,
    format: e.format,
    status: (e.status === 'done' && expired ? 'expired' : e.status) as 'queued' | 'running' | 'done' | 'failed' | 'expired',
    rowsDone: e.rows_done,
    rowsTotal: e.rows_total,
    sizeBytes: e.size_bytes,
    errorCode: e.error_code,
    createdAt: e.created_at,
    finishedAt: e.finished_at,
    expiresAt: e.expires_at,
  };
}

/** An export of the actor's own (nobody else's, whatever their rights), or 404. */
async function ownExport(ex: Executor, userId: string, id: string) {
  const e = await ex.selectFrom('case_export').selectAll().where('id', '=', id).where('requested_by', '=', userId).executeTakeFirst();
  if (!e) throw errors.CASE_EXPORT_NOT_FOUND();
  return e;
}

/**
 * Asks for an export of the case list of a filter: the record the user watches, audited with the
 * filter. The caller sends the job; the job applies the requester's scope when it runs.
 */
export async function requestCaseExport(input: CaseExportInput, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  // The list's paging does not apply: every matching case is written.
  const { page: _page, pageSize: _pageSize, ...filter } = input.filter;
  return db.transaction().execute(async (trx) => {
    const inFlight = await trx.selectFrom('case_export').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('requested_by', '=', actor.userId).where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow();
    if (Number(inFlight.n) >= CASE_EXPORTS_IN_FLIGHT) throw errors.CASE_EXPORT_TOO_MANY();
    const now = clock.now();
    const e = await trx.insertInto('case_export').values({
      requested_by: actor.userId, format: input.format, filter: JSON.stringify(filter), created_at: now, updated_at: now,
      expires_at: new Date(now.getTime() + CASE_EXPORT_LIFETIME_MS),
    }).returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'case.export.requested', entityType: 'case_export', entityId: e.id, after: { format: input.format, filter } });
    return presentExport(e, now);
  });
}

export async function getCaseExport(input: { id: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  return presentExport(await ownExport(db, actor.userId, input.id), clock.now());
}

/** The actor's exports of the last week, newest first. */
export async function listCaseExports(_input: object, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  const since = new Date(clock.now().getTime() - 7 * CASE_EXPORT_LIFETIME_MS);
  const rows = await db.selectFrom('case_export').selectAll().where('requested_by', '=', actor.userId).where('created_at', '>=', since)
    .orderBy('created_at', 'desc').limit(20).execute();
  return { items: rows.map((e) => presentExport(e, clock.now())) };
}

/**
 * The file of a finished export, for its requester only, within its 24 hours (410 after, and the
 * file is deleted then if the hourly purge has not yet done so). Each download is audited.
 */
export async function downloadCaseExport(input: { id: string; dataDir: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'case.read');
  const e = await ownExport(db, actor.userId, input.id);
  const now = clock.now();
  const file = exportPath(input.dataDir, e.id, e.format);
  if (e.removed_at || e.expires_at.getTime() <= now.getTime()) {
    if (!e.removed_at) {
      await unlink(file).catch(() => undefined);
      await db.updateTable('case_export').set({ removed_at: now, updated_at: now }).where('id', '=', e.id).execute();
    }
    throw errors.CASE_EXPORT_EXPIRED();
  }
  if (e.status !== 'done' || !existsSync(file)) throw errors.CASE_EXPORT_NOT_READY({ status: e.status });
  await audit(db, auditContextOf(actor), { event: 'case.export.downloaded', entityType: 'case_export', entityId: e.id, after: { format: e.format, rowCount: e.rows_done } });
  return { path: file, format: e.format, fileName: `cases-${e.created_at.toISOString().slice(0, 10)}.${e.format}` };
}
