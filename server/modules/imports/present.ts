import type { Selectable } from 'kysely';
import type { ImportFileTable, ImportRunTable } from './imports.tables.js';

export const presentFile = (f: Selectable<ImportFileTable>) => ({
  id: f.id, fileName: f.file_name, sizeBytes: Number(f.size_bytes), sha256: f.sha256, encoding: f.encoding as never, delimiter: f.delimiter,
  headers: f.headers, createdAt: f.created_at,
});

/** A run with its progress: rows done of the total, rate since it started, seconds left at that rate. */
export function presentRun(r: Selectable<ImportRunTable> & { file_name: string; cases_file_name: string | null }, now: Date) {
  const elapsed = r.started_at ? ((r.finished_at ?? now).getTime() - r.started_at.getTime()) / 1000 : 0;
  const rate = elapsed > 0 && r.rows_done > 0 ? Math.round(r.rows_done / elapsed) : null;
  const secondsLeft = rate && r.status === 'running' ? Math.ceil(Math.max(0, r.rows_total - r.rows_done) / rate) : r.status === 'done' ? 0 : null;
  return {
    id: r.id, fileId: r.file_id, fileName: r.file_name, casesFileId: r.cases_file_id, casesFileName: r.cases_file_name, mode: r.mode, entity: r.entity, status: r.status, source: r.source,
    rowsTotal: r.rows_total, rowsDone: r.rows_done, created: r.created_count, updated: r.updated_count, unchanged: r.unchanged_count,
    rejected: r.rejected_count, possibleDuplicates: r.duplicate_count, cancelRequested: r.cancel_requested, errorCode: r.error_code,
    rate, secondsLeft, createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}
