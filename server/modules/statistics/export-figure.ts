import type { z } from 'zod';
import type { StatFigure, statExportQuery } from '../../../shared/schemas/statistics.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { messagesFor } from './export-messages.js';
import { filtersOf, writeFigure } from './export.js';
import { statisticsFigure } from './figures.js';

/**
 * One figure as a file (CSV, Excel, HXL), read by the same function as the figure on screen (same
 * scope, same disclosure control), headed in the reader's language; each export is audited with the
 * figure, the format, the filters and the number of rows (never a count, never a person). The
 * figure is read through `readDb` (the read replica when one is configured, else the primary), in
 * one read-only transaction so that the figure and its filters' names are one snapshot; the audit
 * event is written to the primary.
 */
export async function exportFigure(input: { figure: StatFigure; query: z.output<typeof statExportQuery> }, { actor, db, clock }: UseCaseContext, readDb: Db = db) {
  requirePermission(actor, 'statistics.read');
  const { format, lang, ...query } = input.query;
  const m = messagesFor(lang ?? actor.preferredLanguage);
  const { view, file } = await readDb.transaction().setAccessMode('read only').execute(async (trx) => {
    const view = await statisticsFigure(trx, actor, input.figure, query);
    return { view, file: await writeFigure(format, view, await filtersOf(trx, input.query, view, m), m) };
  });
  const filters = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
  await audit(db, auditContextOf(actor), {
    event: 'statistics.export.downloaded',
    details: { figure: input.figure, format, lang: m.lang, filters, rows: file.rows, controlled: view.controlled },
  });
  const day = clock.now().toISOString().slice(0, 10);
  return { ...file, fileName: `homeward-${input.figure}-${day}.${file.extension}` };
}
