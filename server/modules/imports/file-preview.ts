import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { requirePermission } from '../../platform/actor.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { errors } from './imports.errors.js';
import { importOffice } from './offices.js';
import { importPath } from './upload-file.js';

/** The rows read to list a column's values: enough for the codes of a legacy export, bounded for a large file. */
export const PREVIEW_SAMPLE_ROWS = 20_000;
/** A column with more distinct values than this is free text (names, ids): its values are not listed. */
export const PREVIEW_MAX_DISTINCT = 200;
const PREVIEW_FIRST_ROWS = 10;

const iconvName = (e: string) => (e === 'utf-8-bom' ? 'utf-8' : e === 'windows-1252' ? 'win1252' : e);

/**
 * The first rows of an uploaded file and, per column, its distinct values with their counts (read
 * over the first rows only), so the mapping step shows what the file holds and offers the codes
 * of a coded column to map. Nothing is written.
 */
export async function previewFile(input: { fileId: string; dataDir: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const file = await db.selectFrom('import_file').selectAll().where('id', '=', input.fileId).executeTakeFirst();
  if (!file) throw errors.IMPORT_FILE_NOT_FOUND();
  try {
    await importOffice(db, actor, file.office_id);
  } catch {
    throw errors.IMPORT_FILE_NOT_FOUND();
  }
  const width = file.headers.length;
  const first: string[][] = [];
  const counts = file.headers.map(() => new Map<string, number>());
  const overflow = file.headers.map(() => false);
  let sampled = 0;
  let complete = true;
  const source = createReadStream(importPath(input.dataDir, file.stored_name));
  const parser = source.pipe(iconv.decodeStream(iconvName(file.encoding), { stripBOM: true })).pipe(parse({
    delimiter: file.delimiter, from_line: 2, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, max_record_size: 1024 * 1024,
  }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (sampled >= PREVIEW_SAMPLE_ROWS) { complete = false; break; }
      sampled++;
      if (first.length < PREVIEW_FIRST_ROWS) first.push(Array.from({ length: width }, (_, i) => (record[i] ?? '').slice(0, 200)));
      for (let i = 0; i < width; i++) {
        if (overflow[i]) continue;
        const v = (record[i] ?? '').trim();
        if (!v) continue;
        const m = counts[i]!;
        m.set(v, (m.get(v) ?? 0) + 1);
        if (m.size > PREVIEW_MAX_DISTINCT) { overflow[i] = true; m.clear(); }
      }
    }
  } catch {
    // A file the run would reject row by row still previews what could be read.
  } finally {
    source.destroy();
  }
  return {
    fileId: file.id, headers: file.headers, rows: first, sampledRows: sampled, complete,
    columns: file.headers.map((name, i) => ({
      name,
      values: overflow[i] ? null : [...counts[i]!.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value: value.slice(0, 200), count })),
    })),
  };
}
