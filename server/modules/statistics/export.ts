import type { z } from 'zod';
import { countryByAlpha2 } from '../../../shared/reference/countries.js';
import { regionName } from '../../../shared/reference/regions.js';
import { OTHERS_KEY, VULNERABLE_ANY_KEY, type StatExportFormat, type StatFigure, type statExportQuery, type StatFigureView } from '../../../shared/schemas/statistics.js';
import type { Executor } from '../../platform/db.js';
import { addSheetRow, csvFile, CSV_CONTENT_TYPE, loadExcelJs, XLSX_CONTENT_TYPE, type SheetValue } from '../../platform/spreadsheet.js';
import type { Messages } from './export-messages.js';

type Query = z.output<typeof statExportQuery>;
type Count = { value: number | null; withheld: 'small' | 'complement' | null };
interface Column { header: string; hxl: string }

/**
 * One dimension of a figure as an export writes it: its columns (a country has its name and its
 * code), the values of a key in them, and the key's label as a column heading of a two-way figure.
 */
interface Axis { columns: Column[]; values: (key: string) => SheetValue[]; label: (key: string) => string }

/** The dimensions of each figure, rows first then columns; a figure not listed is written with its keys as categories. */
const FIGURE_AXES: Partial<Record<StatFigure, string[]>> = {
  years: ['year'], months: ['month'], hosts: ['host'], origins: ['origin'], 'origin-regions': ['region'],
  'host-origin': ['host', 'origin'], 'legal-status': ['legal'], 'sex-age': ['sex', 'age'], household: ['household'], vulnerability: ['vulnerability'],
  'reintegration-components': ['component'], 'money-projects': ['project', 'money'], 'money-donors': ['donor', 'money'], 'money-budget-lines': ['budgetLine', 'money'], 'cost-per-case': ['currency', 'cost'],
  'monitoring-coverage': ['milestone', 'coverage'],
  'community-projects': ['communityStatus', 'communityMeasure'],
};

function axisOf(name: string, view: StatFigureView, m: Messages): Axis {
  const others = (k: string, text: (k: string) => string) => (k === OTHERS_KEY ? m.t('statistics.others') : k === 'unknown' ? m.t('statistics.unknown') : text(k));
  const country = (role: 'host' | 'origin'): Axis => {
    const name = (k: string) => others(k, (c) => countryByAlpha2(c)?.names[m.lang] ?? c);
    return {
      columns: [
        { header: m.t(role === 'host' ? 'statistics.hostCountry' : 'statistics.originCountry'), hxl: `#country+name+${role}` },
        { header: m.t('statistics.export.column.code'), hxl: `#country+code+${role}` },
      ],
      values: (k) => [name(k), countryByAlpha2(k)?.alpha3 ?? ''],
      label: name,
    };
  };
  const category = (header: string, attribute: string, text: (k: string) => string): Axis => {
    const label = (k: string) => others(k, text);
    return { columns: [{ header, hxl: `#indicator+category${attribute}` }], values: (k) => [label(k)], label };
  };
  switch (name) {
    case 'year': return { columns: [{ header: m.t('statistics.year'), hxl: '#date+year' }], values: (k) => [Number(k)], label: (k) => k };
    case 'month': {
      const month = (k: string) => `${view.year ?? ''}-${k.padStart(2, '0')}`;
      return { columns: [{ header: m.t('statistics.export.column.month'), hxl: '#date+month' }], values: (k) => [month(k)], label: month };
    }
    case 'host': return country('host');
    case 'origin': return country('origin');
    case 'region': {
      const label = (k: string) => others(k, (r) => regionName(r, m.lang) ?? r);
      return {
        columns: [{ header: m.t('statistics.filter.originRegion'), hxl: '#region+name+origin' }, { header: m.t('statistics.export.column.code'), hxl: '#region+code+origin' }],
        values: (k) => [label(k), k === 'unknown' ? '' : k], label,
      };
    }
    case 'legal': return category(m.t('statistics.legal.status'), '+legal', (k) => (m.has(`legalStatus.${k}`) ? m.t(`legalStatus.${k}`) : k));
    case 'sex': return category(m.t('statistics.filter.sex'), '+sex', (k) => m.t(`statistics.sex.${k}`));
    case 'age': return category(m.t('statistics.filter.ageBand'), '+age', (k) => k);
    case 'household': return category(m.t('statistics.household.size'), '+household', (k) => k);
    case 'vulnerability': return category(m.t('statistics.figures2.vulnerability.category'), '+vulnerability',
      (k) => (k === VULNERABLE_ANY_KEY ? m.t('statistics.figures2.vulnerability.any') : m.has(`protection.category.${k}`) ? m.t(`protection.category.${k}`) : k));
    case 'component': return category(m.t('statistics.money.componentType'), '+component',
      (k) => (k === VULNERABLE_ANY_KEY ? m.t('statistics.money.anyPlan') : m.has(`reintegration.componentType.${k}`) ? m.t(`reintegration.componentType.${k}`) : k));
    case 'project': case 'donor': case 'budgetLine': {
      const none = (k: string) => (k === 'none' ? m.t('statistics.money.none') : view.labels?.[k] ?? k);
      return category(m.t(`statistics.money.${name}`), `+${name.toLowerCase()}`, none);
    }
    case 'money': return category(m.t('statistics.money.measure'), '+money', (k) => { const [measure, cur] = k.split(':'); return `${m.t(`statistics.money.${measure}`)} ${cur} (${m.t('statistics.money.minorUnits')})`; });
    case 'currency': return category(m.t('statistics.money.currency'), '+currency', (k) => k);
    case 'cost': return category(m.t('statistics.money.costColumn'), '+cost', (k) => (k === 'median' ? `${m.t('statistics.money.median')} (${m.t('statistics.money.minorUnits')})` : `≥ ${k}`));
    case 'milestone': return category(m.t('statistics.monitoring.milestone'), '+milestone', (k) => m.t('statistics.monitoring.months', { months: k }));
    case 'coverage': return category(m.t('statistics.monitoring.measure'), '+coverage', (k) => m.t(`statistics.monitoring.${k}`));
    case 'communityStatus': return category(m.t('statistics.community.status'), '+status', (k) => (m.has(`community.status.${k}`) ? m.t(`community.status.${k}`) : k));
    case 'communityMeasure': return category(m.t('statistics.community.measure'), '+measure',
      (k) => (k === 'projects' ? m.t('statistics.community.projects') : k === 'linked' ? m.t('statistics.community.linked') : m.has(`community.beneficiaries.${k}`) ? m.t(`community.beneficiaries.${k}`) : k));
    default: return category(m.t('statistics.export.column.category'), '', (k) => k);
  }
}

/** The figure's name as an export's title. */
export const figureTitle = (figure: string, m: Messages) => (m.has(`statistics.export.figure.${figure}`) ? m.t(`statistics.export.figure.${figure}`) : figure);

/** The filters of an export as (heading, value, hashtag), for its title rows or its constant columns. */
export async function filtersOf(ex: Executor, q: Query, view: StatFigureView, m: Messages): Promise<{ header: string; value: SheetValue; hxl: string }[]> {
  const country = (c: string) => countryByAlpha2(c)?.names[m.lang] ?? c;
  const out: { header: string; value: SheetValue; hxl: string }[] = [
    { header: m.t('statistics.filter.kind'), value: m.t(`statistics.kind.${q.kind}`), hxl: '#meta+filter+kind' },
  ];
  if (q.yearFrom !== undefined) out.push({ header: m.t('statistics.filter.yearFrom'), value: q.yearFrom, hxl: '#meta+filter+year_from' });
  if (q.yearTo !== undefined) out.push({ header: m.t('statistics.filter.yearTo'), value: q.yearTo, hxl: '#meta+filter+year_to' });
  if (view.year !== null) out.push({ header: m.t('statistics.year'), value: view.year, hxl: '#meta+filter+year' });
  if (q.officeId) {
    const office = await ex.selectFrom('office').select('name').where('id', '=', q.officeId).executeTakeFirst();
    out.push({ header: m.t('statistics.export.filter.office'), value: office?.name ?? '', hxl: '#meta+filter+office' });
  }
  if (q.projectId) {
    const project = await ex.selectFrom('project').select('name').where('id', '=', q.projectId).executeTakeFirst();
    out.push({ header: m.t('statistics.export.filter.project'), value: project?.name ?? '', hxl: '#meta+filter+project' });
  }
  if (q.donor) out.push({ header: m.t('statistics.filter.donor'), value: q.donor, hxl: '#meta+filter+donor' });
  if (q.hostCountry) out.push({ header: m.t('statistics.filter.hostCountry'), value: country(q.hostCountry), hxl: '#meta+filter+host' });
  if (q.originCountry) out.push({ header: m.t('statistics.filter.originCountry'), value: country(q.originCountry), hxl: '#meta+filter+origin' });
  if (q.originRegion) out.push({ header: m.t('statistics.filter.originRegion'), value: regionName(q.originRegion, m.lang) ?? q.originRegion, hxl: '#meta+filter+region' });
  if (q.sex) out.push({ header: m.t('statistics.filter.sex'), value: m.t(`statistics.sex.${q.sex}`), hxl: '#meta+filter+sex' });
  if (q.ageBand) out.push({ header: m.t('statistics.filter.ageBand'), value: q.ageBand === 'unknown' ? m.t('statistics.unknown') : q.ageBand, hxl: '#meta+filter+age' });
  return out;
}

/** A table: its columns and rows, each row's cells in the columns' order. */
interface Table { columns: Column[]; rows: SheetValue[][]; dataRows: number }

const reasonText = (w: 'small' | 'complement', m: Messages) => m.t(w === 'small' ? 'statistics.export.withheld.small' : 'statistics.export.withheld.complement');

/**
 * The figure as a table in the reader's language: a row per figure row, a column per column of a
 * two-way figure, then the total row. A withheld count is an empty cell; the note column says which
 * and why, never the count.
 */
export function figureTable(view: StatFigureView, m: Messages): Table {
  const names = FIGURE_AXES[view.figure] ?? (view.columns ? ['row', 'column'] : ['row']);
  const rowAxis = axisOf(names[0]!, view, m);
  const note = { header: m.t('statistics.export.column.note'), hxl: '#meta+withheld' };
  const blank = rowAxis.columns.slice(1).map(() => null);
  const totalLabel = m.t('statistics.totalLabel');
  if (!view.columns) {
    const noteOf = (c: Count) => (c.withheld ? reasonText(c.withheld, m) : null);
    return {
      columns: [...rowAxis.columns, { header: m.t('statistics.returnees'), hxl: '#affected+returned' }, note],
      rows: [
        ...view.rows.map((r) => [...rowAxis.values(r.key), r.value, noteOf(r)]),
        [totalLabel, ...blank, view.total.value, noteOf(view.total)],
      ],
      dataRows: view.rows.length,
    };
  }
  const colAxis = axisOf(names[1] ?? 'column', view, m);
  const noteOf = (cells: { label: string; c: Count }[]) => {
    const withheld = cells.filter((x) => x.c.withheld);
    return withheld.length ? m.t('statistics.export.withheld.cells', { cells: withheld.map((x) => `${x.label} (${reasonText(x.c.withheld!, m)})`).join('; ') }) : null;
  };
  const columns = view.columns;
  return {
    columns: [...rowAxis.columns, ...columns.map((c) => ({ header: colAxis.label(c.key), hxl: '#affected+returned' })), { header: totalLabel, hxl: '#affected+returned+total' }, note],
    rows: [
      ...view.rows.map((r) => {
        const cells = columns.map((c) => r.cells?.find((x) => x.key === c.key) ?? { value: 0, withheld: null });
        return [...rowAxis.values(r.key), ...cells.map((c) => c.value), r.value,
          noteOf([...cells.map((c, j) => ({ label: colAxis.label(columns[j]!.key), c })), { label: totalLabel, c: r }])];
      }),
      [totalLabel, ...blank, ...columns.map((c) => c.value), view.total.value,
        noteOf([...columns.map((c) => ({ label: colAxis.label(c.key), c })), { label: totalLabel, c: view.total }])],
    ],
    dataRows: view.rows.length,
  };
}

/**
 * The figure for HXL tools (HXL 1.1): one row per count, a two-way figure in long form (a row
 * per cell, both dimensions as columns), no total rows (a tool summing `#affected` would count
 * them twice); a withheld count is empty with its reason (`small`, `complement`) in `#meta+withheld`.
 */
export function hxlTable(view: StatFigureView, m: Messages): Table {
  const names = FIGURE_AXES[view.figure] ?? (view.columns ? ['row', 'column'] : ['row']);
  const rowAxis = axisOf(names[0]!, view, m);
  // Community projects count projects and people of several groups: a plain number, never `#affected+returned` (HXL tools add those up as returnees).
  const count = view.figure === 'community-projects'
    ? { header: m.t('statistics.community.count'), hxl: '#indicator+num' }
    : { header: m.t('statistics.returnees'), hxl: '#affected+returned' };
  const note = { header: m.t('statistics.export.column.note'), hxl: '#meta+withheld' };
  if (!view.columns) {
    return { columns: [...rowAxis.columns, count, note], rows: view.rows.map((r) => [...rowAxis.values(r.key), r.value, r.withheld]), dataRows: view.rows.length };
  }
  const colAxis = axisOf(names[1] ?? 'column', view, m);
  const rows = view.rows.flatMap((r) => (r.cells ?? []).map((c) => [...rowAxis.values(r.key), ...colAxis.values(c.key), c.value, c.withheld]));
  return { columns: [...rowAxis.columns, ...colAxis.columns, count, note], rows, dataRows: rows.length };
}

export interface ExportFile { body: Buffer; contentType: string; extension: string; rows: number }

/** Writes the figure in the format asked; every cell goes through the shared writer (formula text neutralised). */
export async function writeFigure(format: StatExportFormat, view: StatFigureView, filters: { header: string; value: SheetValue; hxl: string }[], m: Messages): Promise<ExportFile> {
  if (format === 'csv' || format === 'hxl') {
    const table = format === 'csv' ? figureTable(view, m) : hxlTable(view, m);
    // The filters are constant columns first, so that a file read on its own says what it counts.
    const header = [...filters.map((f) => f.header), ...table.columns.map((c) => c.header)];
    const tags = [...filters.map((f) => f.hxl), ...table.columns.map((c) => c.hxl)];
    const rows = table.rows.map((r) => [...filters.map((f) => f.value), ...r]);
    const body = csvFile(format === 'hxl' ? [header, tags, ...rows] : [header, ...rows]);
    return { body: Buffer.from(body, 'utf8'), contentType: CSV_CONTENT_TYPE, extension: format === 'hxl' ? 'hxl.csv' : 'csv', rows: table.dataRows };
  }
  const table = figureTable(view, m);
  const ExcelJS = await loadExcelJs();
  const book = new ExcelJS.Workbook();
  book.creator = 'Homeward';
  const sheet = book.addWorksheet(figureTitle(view.figure, m).slice(0, 31).replace(/[*?:\\/[\]]/g, ' '), { views: [{ rightToLeft: m.lang === 'ar' }] });
  addSheetRow(sheet, [figureTitle(view.figure, m)]).font = { bold: true, size: 14 };
  for (const f of filters) addSheetRow(sheet, [f.header, f.value]);
  addSheetRow(sheet, [m.t('statistics.rule')]);
  if (view.controlled) addSheetRow(sheet, [m.t('statistics.withheldExplained')]);
  addSheetRow(sheet, []);
  addSheetRow(sheet, table.columns.map((c) => c.header)).font = { bold: true };
  for (const r of table.rows) addSheetRow(sheet, r);
  sheet.lastRow!.font = { bold: true };
  table.columns.forEach((c, i) => { sheet.getColumn(i + 1).width = Math.min(40, Math.max(12, c.header.length + 2)); });
  const body = Buffer.from(await book.xlsx.writeBuffer());
  return { body, contentType: XLSX_CONTENT_TYPE, extension: 'xlsx', rows: table.dataRows };
}
