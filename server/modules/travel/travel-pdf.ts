import type { PDFFont, PDFPage } from 'pdf-lib';
import { foldLatin } from '../../../shared/names/name-keys.js';
import { isErasedPersonName } from '../../../shared/person-name.js';
import { serverMessages } from '../../platform/messages.js';

/**
 * Printable travel documents: itinerary letter, transit assistance request, movement manifest.
 * Standard PDF fonts only, so everything is folded to the Latin letters travel documents use.
 * These documents carry only what travel needs: never a legal status, an asylum history or any
 * removal procedure.
 */

/**
 * A name as printed on a travel document: Latin capitals (ICAO 9303 style). An erased person reads
 * "ERASED PERSON" (the documents are in English), never the stored marker.
 */
export const documentName = (...parts: (string | null | undefined)[]): string =>
  parts.some((p) => isErasedPersonName(p))
    ? documentName(serverMessages('en').personName(parts.find((p) => isErasedPersonName(p)), null))
    : parts.filter(Boolean).map((p) => foldLatin(p!).toUpperCase()).join(' ').replace(/[^A-Z ]/g, '?').trim();

/** Any other text, folded to printable ASCII. */
export const printable = (s: string | number | null | undefined) =>
  String(s ?? '').normalize('NFKD').replace(/\p{M}/gu, '').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/[^\x20-\x7E]/g, '?');

export interface PdfSection {
  heading?: string;
  lines?: [label: string, value: string][];
  paragraphs?: string[];
  table?: { columns: { title: string; width: number }[]; rows: string[][] };
}

const A4: [number, number] = [595.28, 841.89];
const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const MARGIN = 40;

export async function renderPdf(opts: { title: string; subtitle?: string; sections: PdfSection[]; footer: string; landscape?: boolean }): Promise<Buffer> {
  // Loaded with the first PDF, not at start.
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(printable(opts.title));
  doc.setProducer('Homeward');
  doc.setCreator('Homeward');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const size = opts.landscape ? A4_LANDSCAPE : A4;
  let page: PDFPage = doc.addPage(size);
  let y = size[1] - MARGIN;
  const width = size[0] - 2 * MARGIN;

  const newPage = () => {
    page = doc.addPage(size);
    y = size[1] - MARGIN;
  };
  const ensure = (h: number) => {
    if (y - h < MARGIN + 20) newPage();
  };
  const fit = (text: string, f: PDFFont, s: number, w: number) => {
    let t = printable(text);
    while (t.length > 1 && f.widthOfTextAtSize(t, s) > w) t = t.slice(0, -2) + '~';
    return t;
  };
  const wrap = (text: string, f: PDFFont, s: number, w: number) => {
    const out: string[] = [];
    let line = '';
    for (const word of printable(text).split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (f.widthOfTextAtSize(next, s) > w && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line) out.push(line);
    return out;
  };
  const text = (t: string, x: number, f: PDFFont, s: number) => page.drawText(t, { x, y, size: s, font: f, color: rgb(0.1, 0.1, 0.1) });

  ensure(40);
  text(fit(opts.title, bold, 16, width), MARGIN, bold, 16);
  y -= 22;
  if (opts.subtitle) {
    text(fit(opts.subtitle, font, 10, width), MARGIN, font, 10);
    y -= 18;
  }
  for (const s of opts.sections) {
    if (s.heading) {
      ensure(30);
      y -= 6;
      text(fit(s.heading, bold, 12, width), MARGIN, bold, 12);
      y -= 16;
    }
    for (const [label, value] of s.lines ?? []) {
      const lines = wrap(value || '-', font, 10, width - 160);
      ensure(14 * lines.length);
      text(fit(label, bold, 10, 150), MARGIN, bold, 10);
      for (const l of lines) {
        text(l, MARGIN + 160, font, 10);
        y -= 14;
      }
    }
    for (const p of s.paragraphs ?? []) {
      for (const l of wrap(p, font, 10, width)) {
        ensure(14);
        text(l, MARGIN, font, 10);
        y -= 14;
      }
      y -= 4;
    }
    if (s.table) {
      const total = s.table.columns.reduce((a, c) => a + c.width, 0);
      const widths = s.table.columns.map((c) => (c.width / total) * width);
      const header = () => {
        ensure(16);
        let x = MARGIN;
        s.table!.columns.forEach((c, i) => {
          text(fit(c.title, bold, 8, widths[i]! - 4), x, bold, 8);
          x += widths[i]!;
        });
        y -= 4;
        page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5 });
        y -= 10;
      };
      header();
      for (const row of s.table.rows) {
        if (y - 12 < MARGIN + 20) {
          newPage();
          header();
        }
        let x = MARGIN;
        row.forEach((cell, i) => {
          text(fit(cell || '-', font, 8, widths[i]! - 4), x, font, 8);
          x += widths[i]!;
        });
        y -= 12;
      }
      y -= 6;
    }
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(printable(`${opts.footer} - ${i + 1}/${pages.length}`), { x: MARGIN, y: MARGIN - 10, size: 7, font, color: rgb(0.4, 0.4, 0.4) });
  });
  return Buffer.from(await doc.save());
}
