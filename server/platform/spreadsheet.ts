import type ExcelJS from 'exceljs';

/**
 * ExcelJS, loaded when a workbook is first written or read: it is a fifth of a second of the
 * server's start, and most starts never touch a workbook.
 */
export const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/**
 * What every CSV and Excel file Homeward writes goes through. A text cell that a spreadsheet
 * program would read as a formula (it begins with "=", "+", "-", "@", a tab or a carriage return)
 * is written with a leading apostrophe, as the OWASP guidance on CSV injection advises, so that
 * opening an export never runs what someone typed into a name. Numbers written as numbers are
 * left alone. (Files Homeward writes only for itself to read back, such as the import's
 * conversion of a workbook to CSV, keep the data as it came.)
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A cell as written: text is neutralised, a finite number stays a number, nothing is empty. */
export type SheetValue = string | number | null | undefined;

/** One field of a CSV line (RFC 4180: quoted when it holds a quote, a comma or a line break). */
export function csvField(value: SheetValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = neutraliseFormula(value);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line, ended by CRLF as RFC 4180 writes it. */
export const csvRow = (values: readonly SheetValue[]) => `${values.map(csvField).join(',')}\r\n`;

/** The byte order mark that tells spreadsheet programs a CSV file is UTF-8 (non-Latin names read right). */
export const UTF8_BOM = '\uFEFF';

/** A whole CSV file: the BOM, then the lines. */
export const csvFile = (rows: readonly (readonly SheetValue[])[]) => UTF8_BOM + rows.map(csvRow).join('');

/** Appends a row to an exceljs sheet, text neutralised and numbers kept as numbers. */
export function addSheetRow(sheet: ExcelJS.Worksheet, values: readonly SheetValue[]): ExcelJS.Row {
  return sheet.addRow(values.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : typeof v === 'number' && Number.isFinite(v) ? v : null)));
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
