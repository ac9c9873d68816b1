import type { PDFPage } from 'pdf-lib';
import { countryName } from '../../../shared/reference/countries.js';
import type { Locale } from '../../../shared/reference/locale.js';
import { regionName } from '../../../shared/reference/regions.js';
import { OTHERS_KEY, type StatFigure, type StatFigureView } from '../../../shared/schemas/statistics.js';
import { embedReportFonts, ReportText } from './report-text.js';
import { catalogue } from '../../platform/messages.js';

export { catalogue };

/**
 * The annual report as a PDF: a title page (programme, scope, period, date, the counting rule),
 * then numbered figures (bar charts drawn as vectors, each bar with its count) and tables with
 * ruled lines, like published AVRR reports. A withheld count is printed as a dash, with a footnote
 * on disclosure control. Every text comes from the web app's message catalogue, in the report's
 * language; Arabic pages run right to left.
 */

export const WITHHELD_MARK = '–';

/** One section of the report, in its order: the figure asked and how it is printed. */
/** `measures`: a figure with a cell per measure and no row value (community projects), printed a measure per line, a column per row of the figure and the measure's total. */
export const REPORT_SECTIONS: { key: string; figure: StatFigure; as: 'bars' | 'table' | 'matrix' | 'measures'; title: string; span: 'trend' | 'period' | 'year'; top?: number }[] = [
  { key: 'years', figure: 'years', as: 'bars', title: 'statistics.report.pdf.years', span: 'trend' },
  { key: 'hosts', figure: 'hosts', as: 'bars', title: 'statistics.report.pdf.hosts', span: 'period' },
  { key: 'origins', figure: 'origins', as: 'bars', title: 'statistics.report.pdf.origins', span: 'period' },
  { key: 'regions', figure: 'origin-regions', as: 'bars', title: 'statistics.report.pdf.regions', span: 'period' },
  { key: 'months', figure: 'months', as: 'bars', title: 'statistics.report.pdf.months', span: 'year' },
  { key: 'legal', figure: 'legal-status', as: 'table', title: 'statistics.report.pdf.legal', span: 'period' },
  { key: 'sexAge', figure: 'sex-age', as: 'matrix', title: 'statistics.report.pdf.sexAge', span: 'period' },
  { key: 'household', figure: 'household', as: 'table', title: 'statistics.report.pdf.household', span: 'period' },
  { key: 'hostOrigin', figure: 'host-origin', as: 'matrix', title: 'statistics.report.pdf.hostOrigin', span: 'period', top: 6 },
  // Reintegration in the communities: the projects starting in the period, their beneficiaries and linked cases.
  { key: 'community', figure: 'community-projects', as: 'measures', title: 'statistics.report.pdf.community', span: 'period' },
];

export interface ReportInput {
  language: Locale;
  scope: string;
  yearFrom: number;
  yearTo: number;
  /** The first year of the trend figure (returns per year). */
  trendFrom: number;
  kind: string;
  filters: string[];
  generatedAt: Date;
  figures: Map<string, StatFigureView>;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const WIDTH = A4[0] - 2 * MARGIN;
const GREY: [number, number, number] = [0.35, 0.35, 0.35];

export function fill(message: string, values: Record<string, string | number>) {
  return message.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export async function renderAnnualReport(input: ReportInput): Promise<Buffer> {
  const lang = input.language;
  const cat = catalogue(lang);
  const en = catalogue('en');
  const t = (key: string, values: Record<string, string | number> = {}) => fill(cat[key] ?? en[key] ?? key, values);
  const num = new Intl.NumberFormat(`${lang}-u-nu-latn`);
  const count = (c: { value: number | null }) => (c.value === null ? WITHHELD_MARK : num.format(c.value));
  const years = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);
  const period = years(input.yearFrom, input.yearTo);
  const month = new Intl.DateTimeFormat(`${lang}-u-nu-latn`, { month: 'long', timeZone: 'UTC' });
  const label = (figure: StatFigure, key: string, axis: 'row' | 'column' = 'row'): string => {
    if (key === OTHERS_KEY) return t('statistics.others');
    if (key === 'unknown') return t('statistics.unknown');
    switch (figure) {
      case 'hosts': case 'origins': return countryName(key, lang);
      case 'host-origin': return countryName(key, lang);
      case 'origin-regions': return regionName(key, lang) ?? key;
      case 'months': return month.format(new Date(Date.UTC(2000, Number(key) - 1, 1)));
      case 'legal-status': return t(`legalStatus.${key}`);
      case 'household': return t(`statistics.report.pdf.household.${key}`);
      case 'sex-age': return axis === 'row' ? t(`statistics.sex.${key}`) : key.replace('-', '–');
      case 'community-projects':
        if (axis === 'column') return t(`community.status.${key}`);
        return key === 'projects' ? t('statistics.community.projects') : key === 'linked' ? t('statistics.community.linked') : t(`community.beneficiaries.${key}`);
      default: return key;
    }
  };

  // Loaded with the first PDF, not at start.
  const { PDFDocument, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(t('statistics.report.pdf.title'));
  doc.setProducer('Homeward');
  doc.setCreator('Homeward');
  doc.setLanguage(lang);
  const fonts = await embedReportFonts(doc);
  const rtl = lang === 'ar';
  const text = new ReportText(fonts, rtl);
  // Positions along the reading direction: `at(d)` is d points from the start edge.
  const at = (d: number) => (rtl ? A4[0] - MARGIN - d : MARGIN + d);
  const span = (d: number, w: number) => (rtl ? A4[0] - MARGIN - d - w : MARGIN + d);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const newPage = () => {
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const ensure = (h: number) => {
    if (y - h < MARGIN + 30) newPage();
  };
  const paragraph = (s: string, size: number, o: { bold?: boolean; gap?: number; color?: [number, number, number] } = {}) => {
    for (const line of text.wrap(s, size, WIDTH, o.bold)) {
      ensure(size + 4);
      text.draw(page, line, { x: at(0), y, size, bold: o.bold, color: o.color });
      y -= size * 1.45;
    }
    y -= o.gap ?? 0;
  };
  const rule = (x0: number, x1: number, yy: number, thickness = 0.6) =>
    page.drawLine({ start: { x: x0, y: yy }, end: { x: x1, y: yy }, thickness, color: rgb(0.3, 0.3, 0.3) });

  // ---- Title page ----
  y -= 120;
  text.draw(page, 'Homeward', { x: A4[0] / 2, y, size: 30, bold: true, align: 'center', color: [0.1, 0.25, 0.45] });
  y -= 50;
  for (const line of text.wrap(t('statistics.report.pdf.title'), 20, WIDTH, true)) {
    text.draw(page, line, { x: A4[0] / 2, y, size: 20, bold: true, align: 'center' });
    y -= 28;
  }
  text.draw(page, period, { x: A4[0] / 2, y: y - 6, size: 22, bold: true, align: 'center' });
  y -= 80;
  paragraph(t('statistics.report.pdf.programme', { name: 'Homeward' }), 11);
  paragraph(t('statistics.report.pdf.scope', { scope: input.scope }), 11);
  paragraph(t('statistics.report.pdf.period', { years: period }), 11);
  paragraph(t('statistics.report.pdf.kind', { kind: t(`statistics.kind.${input.kind}`) }), 11);
  paragraph(t('statistics.report.pdf.filters', { filters: input.filters.length ? input.filters.join(', ') : t('statistics.report.pdf.noFilters') }), 11);
  paragraph(t('statistics.report.pdf.generated', {
    date: new Intl.DateTimeFormat(`${lang}-u-nu-latn`, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(input.generatedAt) + ' UTC',
  }), 11, { gap: 16 });
  paragraph(t('statistics.report.pdf.rule'), 10, { color: GREY, gap: 8 });
  paragraph(t('statistics.report.pdf.withheld'), 9, { color: GREY });

  // ---- Figures and tables ----
  let figureNo = 0;
  let tableNo = 0;
  newPage();
  for (const s of REPORT_SECTIONS) {
    const f = input.figures.get(s.key);
    if (!f) continue;
    const range = s.span === 'trend' ? years(input.trendFrom, input.yearTo) : s.span === 'year' ? String(f.year ?? input.yearTo) : period;
    const title = t(s.title, { years: range, year: range });
    const heading = s.as === 'bars' ? t('statistics.report.pdf.figure', { n: ++figureNo, title }) : t('statistics.report.pdf.table', { n: ++tableNo, title });
    ensure(60);
    y -= 10;
    for (const line of text.wrap(heading, 12, WIDTH, true)) {
      text.draw(page, line, { x: at(0), y, size: 12, bold: true });
      y -= 17;
    }
    y -= 4;
    let withheld = s.as === 'measures' ? false : f.total.value === null;
    const empty = s.as === 'measures' ? (f.columns ?? []).every((c) => c.value === 0) : f.rows.length === 0 || (f.total.value === 0 && s.as !== 'bars');
    if (empty) {
      paragraph(t('statistics.report.pdf.none'), 10, { color: GREY });
      continue;
    }
    if (s.as === 'bars') {
      const labelW = 140;
      const valueW = 50;
      const barMax = WIDTH - labelW - valueW - 10;
      const max = Math.max(1, ...f.rows.map((r) => r.value ?? 0));
      const rowH = 15;
      for (const r of f.rows) {
        ensure(rowH);
        const name = label(f.figure, r.key);
        text.draw(page, name, { x: at(labelW - 8), y: y - 10, size: 9, align: 'end' });
        const w = r.value ? (r.value / max) * barMax : 0;
        if (w > 0) page.drawRectangle({ x: span(labelW, w), y: y - 12, width: w, height: 11, color: rgb(0.16, 0.38, 0.62) });
        text.draw(page, count(r), { x: at(labelW + w + 4), y: y - 10, size: 9 });
        if (r.value === null) withheld = true;
        y -= rowH;
      }
      rule(MARGIN + (rtl ? 0 : labelW), A4[0] - MARGIN - (rtl ? labelW : 0), y + 1, 0.4);
      y -= 14;
      text.draw(page, t('statistics.totalLabel'), { x: at(labelW - 8), y, size: 9, bold: true, align: 'end' });
      text.draw(page, count(f.total), { x: at(labelW + 4), y, size: 9, bold: true });
      y -= 8;
    } else {
      const measures = s.as === 'measures';
      // A figure of measures is printed transposed: a line per measure, a column per row of the figure (status), then the measure's total.
      const columns = s.as === 'matrix' ? [...(f.columns ?? [])] : measures ? f.rows.map((r) => ({ key: r.key })) : [];
      const corner = t({ 'host-origin': 'statistics.report.pdf.hostByOrigin', 'sex-age': 'statistics.report.pdf.sexByAge', 'legal-status': 'statistics.legal.status', 'community-projects': 'statistics.community.measure' }[s.figure as string] ?? 'statistics.household.size');
      const labelW = s.as === 'matrix' ? 120 : measures ? 180 : 260;
      const n = s.as === 'matrix' || measures ? columns.length + 1 : 1;
      const colW = Math.min(90, (WIDTH - labelW) / n);
      const tableW = labelW + colW * n;
      const x0 = rtl ? A4[0] - MARGIN - tableW : MARGIN;
      const x1 = x0 + tableW;
      const size = s.as === 'matrix' && columns.length > 6 ? 7.5 : 9;
      const fit = (s2: string, w: number, sz: number, bold = false) => {
        let out = s2;
        while (out.length > 3 && text.width(out, sz, bold) > w - 4) out = out.slice(0, -2) + '…';
        return out;
      };
      // Header row.
      ensure(40);
      rule(x0, x1, y, 0.9);
      y -= 13;
      text.draw(page, fit(corner, labelW, size, true), { x: at(0) + (rtl ? -2 : 2), y, size, bold: true });
      const headers = s.as === 'matrix' || measures ? [...columns.map((c) => label(f.figure, c.key, 'column')), t('statistics.totalLabel')] : [t('statistics.returnees')];
      headers.forEach((h, i) => text.draw(page, fit(h, colW, size, true), { x: at(labelW + colW * (i + 1)) + (rtl ? 2 : -2), y, size, bold: true, align: 'end' }));
      y -= 5;
      rule(x0, x1, y, 0.6);
      const line = (name: string, cells: { value: number | null }[], bold = false) => {
        ensure(14);
        y -= 12;
        text.draw(page, fit(name, labelW, size, bold), { x: at(0) + (rtl ? -2 : 2), y, size, bold });
        cells.forEach((c, i) => {
          if (c.value === null) withheld = true;
          text.draw(page, count(c), { x: at(labelW + colW * (i + 1)) + (rtl ? 2 : -2), y, size, bold, align: 'end' });
        });
        y -= 3;
        rule(x0, x1, y, 0.2);
      };
      if (measures) {
        const none = { value: 0 };
        for (const m of f.columns ?? []) line(label(f.figure, m.key), [...f.rows.map((r) => r.cells?.find((c) => c.key === m.key) ?? none), m]);
      } else {
        for (const r of f.rows) line(label(f.figure, r.key), s.as === 'matrix' ? [...(r.cells ?? []), r] : [r]);
        rule(x0, x1, y, 0.6);
        line(t('statistics.totalLabel'), s.as === 'matrix' ? [...(f.columns ?? []), f.total] : [f.total], true);
      }
      rule(x0, x1, y, 0.9);
      y -= 8;
    }
    if (withheld) {
      y -= 6;
      paragraph(t('statistics.report.pdf.withheld'), 8, { color: GREY });
    }
    y -= 10;
  }

  const pages = doc.getPages();
  pages.forEach((p, i) => {
    text.draw(p, t('statistics.report.pdf.page', { n: num.format(i + 1), total: num.format(pages.length) }), { x: A4[0] / 2, y: 25, size: 8, align: 'center', color: GREY });
  });
  // Plain objects (no object streams): the file stays readable by simple text extraction.
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
