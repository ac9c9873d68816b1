import type { RateImportProblemView } from '../../../shared/schemas/finance.js';
import { isMoneyCurrency } from '../../../shared/money.js';
import { normaliseRate, parseRate } from './conversion.js';

/**
 * The rates file Homeward imports: UTF-8 CSV (comma separated, RFC 4180 quoting, a byte-order mark
 * and CRLF accepted), the header `currency,rate_per_usd,effective_from`, then one row per rate:
 * the ISO 4217 code, the units of that currency per one US dollar as a decimal with a point
 * (`1310.5`; no thousands separators), and the first day it applies (`YYYY-MM-DD`). The monthly UN
 * operational rates of exchange are turned into this format by keeping those three columns. Cells
 * are read as text and a cell starting with `=`, `+`, `-` or `@` (a spreadsheet formula) is refused.
 * Completely blank lines are skipped; any other problem refuses the whole file.
 */
export const RATE_COLUMNS = ['currency', 'rate_per_usd', 'effective_from'] as const;
export const MAX_RATE_ROWS = 5000;

export interface ParsedRate {
  line: number;
  currency: string;
  rate: string;
  effectiveFrom: string;
}

/** RFC 4180 records with the line each starts on; quoted cells may hold commas, quotes and line breaks. */
export function csvRecords(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (ch === '\n') line++;
      cell += ch; i++; continue;
    }
    if (ch === '"' && cell === '') { quoted = true; i++; continue; }
    if (ch === ',') { cells.push(cell); cell = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      cells.push(cell);
      records.push({ line: start, cells });
      cells = []; cell = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
      i++; line++; start = line;
      continue;
    }
    cell += ch; i++;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    records.push({ line: start, cells });
  }
  return records;
}

const isDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Every row of the file checked; the rates when there is no problem at all, otherwise every problem found. */
export function parseRatesCsv(text: string): { rates: ParsedRate[]; problems: RateImportProblemView[] } {
  const problems: RateImportProblemView[] = [];
  const records = csvRecords(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (records.length === 0) return { rates: [], problems: [{ line: 1, column: null, problem: 'empty_file' }] };
  const header = records[0]!;
  const names = header.cells.map((c) => c.trim().toLowerCase());
  if (names.length !== RATE_COLUMNS.length || names.some((n, i) => n !== RATE_COLUMNS[i])) {
    return { rates: [], problems: [{ line: header.line, column: null, problem: 'header', value: header.cells.join(',').slice(0, 200) }] };
  }
  const body = records.slice(1);
  if (body.length === 0) return { rates: [], problems: [{ line: 2, column: null, problem: 'empty_file' }] };
  if (body.length > MAX_RATE_ROWS) return { rates: [], problems: [{ line: body[MAX_RATE_ROWS]!.line, column: null, problem: 'too_many_rows' }] };
  const rates: ParsedRate[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length !== RATE_COLUMNS.length) {
      problems.push({ line, column: null, problem: 'columns', value: String(cells.length) });
      continue;
    }
    const [currency, rate, day] = cells.map((c) => c.trim()) as [string, string, string];
    let ok = true;
    const problem = (column: (typeof RATE_COLUMNS)[number], code: RateImportProblemView['problem'], value: string) => {
      problems.push({ line, column, problem: code, value: value.slice(0, 100) });
      ok = false;
    };
    cells.forEach((c, i) => {
      if (/^[=+\-@]/.test(c.trim())) problem(RATE_COLUMNS[i]!, 'formula', c.trim());
    });
    if (!ok) continue;
    if (currency === '') problem('currency', 'required', currency);
    else if (currency === 'USD') problem('currency', 'currency_usd', currency);
    else if (!isMoneyCurrency(currency)) problem('currency', 'currency_unknown', currency);
    if (rate === '') problem('rate_per_usd', 'required', rate);
    else if (!parseRate(rate)) problem('rate_per_usd', 'rate_invalid', rate);
    if (day === '') problem('effective_from', 'required', day);
    else if (!isDay(day)) problem('effective_from', 'date_invalid', day);
    if (!ok) continue;
    const key = `${currency} ${day}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ line, column: 'currency', problem: 'duplicate', value: `${currency} ${day} (line ${first})` });
      continue;
    }
    seen.set(key, line);
    rates.push({ line, currency, rate: normaliseRate(rate), effectiveFrom: day });
  }
  return { rates: problems.length ? [] : rates, problems };
}
