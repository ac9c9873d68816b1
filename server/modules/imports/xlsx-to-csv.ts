import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';
import { errors } from './imports.errors.js';
import { MAX_COLUMNS } from './legacy-csv.js';

/** A zip file starts with a local file header: "PK\x03\x04". */
export async function looksLikeZip(path: string) {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    return bytesRead === 4 && buf.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await fh.close();
  }
}

const isoOf = (d: Date) => {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  // Spreadsheet dates carry no zone: a date alone is midnight, written as the date.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
};

/**
 * A cell's value as the text a CSV export would hold: a formula gives its cached result (never
 * evaluated), a date its ISO form, rich text its characters, a hyperlink its text. A string
 * beginning with "=", "+", "-" or "@" is data like any other.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoOf(value);
  if (typeof value === 'object') {
    const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if ('text' in v) return cellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** Whether a number format shows a date (d, m or y outside quoted text and [colour] sections). */
const isDateFormat = (fmt: string | undefined) => !!fmt && /[dmy]/i.test(fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
/** An Excel serial day (1900 system) as a date. */
const fromSerial = (n: number) => new Date(Math.round((n - 25569) * 86_400_000));

/** A cell's text; a formula's cached number in a date format is a date, as Excel shows it. */
function cellOf(cell: ExcelJS.Cell | undefined): string {
  if (!cell) return '';
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
    const result = (v as { result?: unknown }).result;
    if (typeof result === 'number' && isDateFormat(cell.numFmt)) return cellText(fromSerial(result));
  }
  return cellText(v);
}

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Converts the first sheet of an XLSX workbook, read as a stream (rows are never all in memory),
 * into the normalised form an uploaded CSV is stored in: UTF-8, comma-separated, every field
 * quoted, the first non-empty row as header. Empty rows are left out. A file that is not a zip,
 * or a zip without a worksheet, is refused with `IMPORT_XLSX_INVALID`.
 */
export async function xlsxToCsv(source: string, target: string): Promise<{ headers: string[]; rows: number }> {
  if (!(await looksLikeZip(source))) throw errors.IMPORT_XLSX_INVALID();
  const input = createReadStream(source);
  const out = createWriteStream(target, { flags: 'wx' });
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  let headers: string[] | undefined;
  let rows = 0;
  let sawSheet = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
      worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
    });
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const count = row.cellCount;
        // Columns are 1-based; a row beyond the header's width is written one column wider, so the run rejects it.
        const width = Math.min(count, (headers?.length ?? MAX_COLUMNS) + 1);
        const cells: string[] = [];
        for (let i = 1; i <= width; i++) cells.push(cellOf(row.findCell(i)));
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        if (!cells.length) continue;
        if (!headers) {
          if (count > MAX_COLUMNS) throw errors.IMPORT_TOO_MANY_COLUMNS({ columns: count, max: MAX_COLUMNS });
          headers = cells.map((h) => h.trim());
          await write(headers.map(csvField).join(',') + '\n');
          continue;
        }
        rows++;
        await write(cells.map(csvField).join(',') + '\n');
      }
      break; // the first sheet only
    }
  } catch (err) {
    out.destroy();
    if (err instanceof AppError) throw err;
    throw errors.IMPORT_XLSX_INVALID();
  } finally {
    input.destroy();
  }
  out.end();
  await once(out, 'close');
  if (!sawSheet) throw errors.IMPORT_XLSX_INVALID();
  if (!headers) throw errors.IMPORT_FILE_EMPTY();
  return { headers, rows };
}
