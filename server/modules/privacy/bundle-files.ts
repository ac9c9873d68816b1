import type { PDFPage } from 'pdf-lib';
import type { Locale } from '../../../shared/reference/locale.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { serverMessages } from '../../platform/messages.js';
import { csvRow, UTF8_BOM } from '../../platform/spreadsheet.js';
import { embedReportFonts, ReportText } from '../statistics/index.js';

type Rows = Record<string, unknown>[];
export interface Bundle {
  format: 'homeward.access-request/1';
  request: { id: string; reference: string; language: Locale; requestedAt: string; generatedAt: string };
  person: { id: string; givenName: string; familyName: string };
  /** One section per table of `BUNDLE_TABLES`, each the table's rows about the person. */
  sections: Record<string, Rows>;
}

/**
 * A stored row as the returnee reads it: encrypted columns (`*_encrypted`) decrypted under their
 * plain name, times as ISO strings, files (bytea) as base64; everything else as stored.
 */
export function plainRow(row: Record<string, unknown>, cipher: FieldCipher | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.endsWith('_encrypted')) {
      // Master-key values (`v1.`) are opened here; values sealed for a person were opened before (`openRow`).
      // A column kept both ways (a note's body: in clear unless sensitive) shows whichever holds the value.
      const plain = k.slice(0, -'_encrypted'.length);
      if (v === null) out[plain] ??= null;
      else out[plain] = typeof v === 'string' ? (!v.startsWith('v1.') ? v : cipher ? cipher.decrypt(v) : '(encrypted)') : '(encrypted)';
    } else if (v === null && out[k] !== undefined) {
      // The clear twin of a value already taken from its `_encrypted` column.
    } else if (v instanceof Date) out[k] = v.toISOString();
    else if (Buffer.isBuffer(v)) out[k] = { base64: v.toString('base64'), bytes: v.length };
    else out[k] = v;
  }
  return out;
}

const isFile = (v: unknown): v is { base64: string; bytes: number } => typeof v === 'object' && v !== null && 'base64' in v && 'bytes' in v;

/** A value in one line of text: files by their size (their content is in the JSON), the rest as JSON when not a string. */
function cell(v: unknown, bytes: (n: number) => string): string | number | null {
  if (v === null || v === undefined) return null;
  if (isFile(v)) return bytes(v.bytes);
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export const bundleJson = (b: Bundle) => Buffer.from(JSON.stringify(b, null, 2), 'utf8');

/**
 * One CSV file of every section: each section starts with a line naming it (`# title (table)`),
 * then its header and rows, then an empty line. Cells go through the platform's CSV writer
 * (formula neutralisation, RFC 4180).
 */
export function bundleCsv(b: Bundle): Buffer {
  const m = serverMessages(b.request.language);
  const bytes = (n: number) => m.t('privacy.bundle.bytes', { bytes: n });
  let out = UTF8_BOM;
  out += csvRow([`# ${m.t('privacy.bundle.title')}`]);
  out += csvRow([m.t('privacy.bundle.reference', { reference: b.request.reference })]);
  out += csvRow([m.t('privacy.bundle.generated', { date: b.request.generatedAt })]);
  out += '\r\n';
  for (const [table, rows] of Object.entries(b.sections)) {
    out += csvRow([`# ${m.t(`privacy.bundle.section.${table}`, {}, table)} (${table})`]);
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    if (columns.length) out += csvRow(columns);
    for (const r of rows) out += csvRow(columns.map((c) => cell(r[c], bytes)));
    out += '\r\n';
  }
  return Buffer.from(out, 'utf8');
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 45;
const WIDTH = A4[0] - 2 * MARGIN;
/** A value longer than this is cut in the PDF (the JSON has it whole). */
const PDF_VALUE_MAX = 600;

/**
 * The bundle as a readable PDF in the request's language: a title page (person, reference, date),
 * then each section's title and its records, field by field. Arabic runs right to left (the annual
 * report's text drawing: Noto fonts, shaped Arabic, bidirectional runs).
 */
export async function bundlePdf(b: Bundle): Promise<Buffer> {
  const m = serverMessages(b.request.language);
  const rtl = b.request.language === 'ar';
  // Loaded with the first PDF, not at start.
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(m.t('privacy.bundle.title'));
  doc.setProducer('Homeward');
  doc.setCreator('Homeward');
  doc.setLanguage(b.request.language);
  const text = new ReportText(await embedReportFonts(doc), rtl);
  const at = (d: number) => (rtl ? A4[0] - MARGIN - d : MARGIN + d);
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const ensure = (h: number) => {
    if (y - h < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  const paragraph = (s: string, size: number, o: { bold?: boolean; indent?: number; gap?: number; color?: [number, number, number] } = {}) => {
    const oneLine = s.replace(/\s+/g, ' ').trim();
    for (const line of text.wrap(oneLine || '—', size, WIDTH - (o.indent ?? 0), o.bold)) {
      ensure(size + 3);
      text.draw(page, line, { x: at(o.indent ?? 0), y, size, bold: o.bold, color: o.color });
      y -= size * 1.4;
    }
    y -= o.gap ?? 0;
  };
  const date = new Intl.DateTimeFormat(`${b.request.language}-u-nu-latn`, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const bytes = (n: number) => m.t('privacy.bundle.bytes', { bytes: n });

  paragraph('Homeward', 24, { bold: true, gap: 10 });
  paragraph(m.t('privacy.bundle.title'), 16, { bold: true, gap: 10 });
  paragraph(m.t('privacy.bundle.person', { name: m.personName(b.person.givenName, b.person.familyName) }), 11);
  paragraph(m.t('privacy.bundle.reference', { reference: b.request.reference }), 11);
  paragraph(m.t('privacy.bundle.generated', { date: `${date.format(new Date(b.request.generatedAt))} UTC` }), 11, { gap: 8 });
  paragraph(m.t('privacy.bundle.intro'), 9, { color: [0.35, 0.35, 0.35], gap: 12 });

  for (const [table, rows] of Object.entries(b.sections)) {
    ensure(40);
    paragraph(m.t(`privacy.bundle.section.${table}`, {}, table), 13, { bold: true });
    paragraph(m.t('privacy.bundle.count', { count: rows.length }), 9, { color: [0.35, 0.35, 0.35], gap: 4 });
    rows.forEach((r, i) => {
      ensure(24);
      paragraph(`${i + 1}.`, 9, { bold: true });
      for (const [k, v] of Object.entries(r)) {
        const c = cell(v, bytes);
        if (c === null || c === '') continue;
        const s = String(c);
        paragraph(`${k}: ${s.length > PDF_VALUE_MAX ? `${s.slice(0, PDF_VALUE_MAX)}…` : s}`, 8, { indent: 12 });
      }
      y -= 4;
    });
    y -= 8;
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
