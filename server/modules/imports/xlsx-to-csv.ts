import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../../platform/spreadsheet.js';
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

/** What a workbook may expand to before it is read: the bytes of all its parts, and how much one part may be compressed. */
export interface XlsxLimits {
  /** The sum of the parts' uncompressed sizes, and the most the converted CSV may hold. */
  maxExpandedBytes: number;
  /** A part larger than 1 MiB compressed more than this many times is a zip bomb, not a spreadsheet. */
  maxRatio: number;
}
export const xlsxLimitsFor = (importMaxBytes: number): XlsxLimits => ({ maxExpandedBytes: importMaxBytes * 16, maxRatio: 200 });

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/**
 * Reads a zip's central directory (never its contents) and refuses a workbook that would expand
 * beyond the limits (`IMPORT_XLSX_TOO_LARGE`), or whose directory cannot be read
 * (`IMPORT_XLSX_INVALID`). The sizes a directory declares may lie: the conversion also stops once
 * its output passes `maxExpandedBytes`.
 */
export async function checkZipDirectory(path: string, limits: XlsxLimits) {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 65535 + 20);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
    if (at < 0) throw errors.IMPORT_XLSX_INVALID();
    let entries = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (entries === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      // ZIP64: the locator just before the record points to the 64-bit end of directory.
      if (at < 20 || tail.readUInt32LE(at - 20) !== ZIP64_LOCATOR) throw errors.IMPORT_XLSX_INVALID();
      const recordAt = Number(tail.readBigUInt64LE(at - 20 + 8));
      const record = Buffer.alloc(56);
      await fh.read(record, 0, 56, recordAt);
      if (record.readUInt32LE(0) !== ZIP64_EOCD) throw errors.IMPORT_XLSX_INVALID();
      entries = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirOffset = Number(record.readBigUInt64LE(48));
    }
    if (dirSize > MAX_DIRECTORY_BYTES || entries > 100_000) throw errors.IMPORT_XLSX_TOO_LARGE({ maxExpandedBytes: limits.maxExpandedBytes });
    if (dirOffset + dirSize > size) throw errors.IMPORT_XLSX_INVALID();
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    let total = 0;
    let p = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw errors.IMPORT_XLSX_INVALID();
      let compressed = dir.readUInt32LE(p + 20);
      let uncompressed = dir.readUInt32LE(p + 24);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
        // The 64-bit sizes are in the ZIP64 extra field, uncompressed first, each only when its 32-bit field is full.
        let e = p + 46 + nameLength;
        const end = e + extraLength;
        while (e + 4 <= end) {
          const id = dir.readUInt16LE(e);
          const length = dir.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let f = e + 4;
            if (uncompressed === 0xffffffff) { uncompressed = Number(dir.readBigUInt64LE(f)); f += 8; }
            if (compressed === 0xffffffff) compressed = Number(dir.readBigUInt64LE(f));
            break;
          }
          e += 4 + length;
        }
      }
      total += uncompressed;
      const bomb = uncompressed > 1024 * 1024 && uncompressed > limits.maxRatio * Math.max(compressed, 1);
      if (total > limits.maxExpandedBytes || bomb) throw errors.IMPORT_XLSX_TOO_LARGE({ maxExpandedBytes: limits.maxExpandedBytes });
      p += 46 + nameLength + extraLength + commentLength;
    }
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
 * or a zip without a worksheet, is refused with `IMPORT_XLSX_INVALID`; one that would expand
 * beyond `limits` (a zip bomb) with `IMPORT_XLSX_TOO_LARGE`, before or while it is read.
 */
export async function xlsxToCsv(source: string, target: string, limits: XlsxLimits): Promise<{ headers: string[]; rows: number }> {
  if (!(await looksLikeZip(source))) throw errors.IMPORT_XLSX_INVALID();
  await checkZipDirectory(source, limits);
  const input = createReadStream(source);
  const out = createWriteStream(target, { flags: 'wx' });
  let written = 0;
  const write = async (line: string) => {
    written += Buffer.byteLength(line);
    if (written > limits.maxExpandedBytes) throw errors.IMPORT_XLSX_TOO_LARGE({ maxExpandedBytes: limits.maxExpandedBytes });
    if (!out.write(line)) await once(out, 'drain');
  };
  let headers: string[] | undefined;
  let rows = 0;
  let sawSheet = false;
  try {
    const { stream } = await loadExcelJs();
    const reader = new stream.xlsx.WorkbookReader(input, {
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
