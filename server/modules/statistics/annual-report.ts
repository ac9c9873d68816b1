import type { z } from 'zod';
import { countryName } from '../../../shared/reference/countries.js';
import { isLocale, type Locale } from '../../../shared/reference/locale.js';
import { regionName } from '../../../shared/reference/regions.js';
import { statQuery, type StatFigureView } from '../../../shared/schemas/statistics.js';
import { statReportFilters, type statReportBody, type StatReportView } from '../../../shared/schemas/statistics-report.js';
import { requirePermission, scopeFor, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { userNow } from '../access/index.js';
import type { StatReportTable } from './annual-report.tables.js';
import { catalogue, fill, renderAnnualReport, REPORT_SECTIONS } from './annual-report-pdf.js';
import { statisticsFigure } from './figures.js';
import { errors } from './statistics.errors.js';

/** The queue that builds reports (created at migration time, see `server/jobs.ts`). */
export const STAT_REPORT_QUEUE = 'statistics.report';
/** How long a built report is kept. */
export const REPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** How many years the trend figure (returns per year) shows up to the report's last year. */
const TREND_YEARS = 11;

type Body = z.output<typeof statReportBody>;
type Filters = z.output<typeof statReportFilters>;
type Row = { [K in keyof StatReportTable]: StatReportTable[K] extends { __select__: infer S } ? S : StatReportTable[K] };

const COLUMNS = ['id', 'status', 'year_from', 'year_to', 'filters', 'language', 'figures_done', 'figures_total', 'error_code', 'size_bytes', 'created_at', 'finished_at', 'expires_at'] as const;

function present(r: Pick<Row, (typeof COLUMNS)[number]>, now: Date): StatReportView {
  return {
    id: r.id as string, status: r.status as StatReportView['status'], yearFrom: r.year_from, yearTo: r.year_to,
    kind: (r.filters as Filters).kind, language: r.language, figuresDone: r.figures_done as number, figuresTotal: r.figures_total,
    errorCode: r.error_code, sizeBytes: r.size_bytes, createdAt: (r.created_at as Date).toISOString(),
    finishedAt: r.finished_at ? (r.finished_at as Date).toISOString() : null, expiresAt: (r.expires_at as Date).toISOString(),
    expired: (r.expires_at as Date).getTime() <= now.getTime(),
  };
}

/** The user's own report, or 404 (another user's report is not found, whoever they are). */
async function ownReport(ex: Executor, actor: Actor, id: string) {
  const row = await ex.selectFrom('stat_report').select(COLUMNS).where('id', '=', id).where('requested_by', '=', actor.userId).executeTakeFirst();
  if (!row) throw errors.STAT_REPORT_NOT_FOUND();
  return row;
}

/**
 * Asks for the annual report of one year (or a range of years) with the dashboard's filters, in a
 * language: the report is recorded (queued) and audited; the caller sends the job that builds it.
 */
export async function requestReport(input: Body, { actor, db, clock }: UseCaseContext): Promise<StatReportView> {
  requirePermission(actor, 'statistics.read');
  const now = clock.now();
  const yearFrom = input.yearFrom ?? input.year ?? input.yearTo ?? now.getUTCFullYear();
  const yearTo = input.yearTo ?? input.year ?? input.yearFrom ?? now.getUTCFullYear();
  if (input.year !== undefined && (input.yearFrom !== undefined || input.yearTo !== undefined)) throw errors.STAT_REPORT_YEARS_INVALID({ field: 'year' });
  if (yearFrom > yearTo || yearTo - yearFrom > 50) throw errors.STAT_REPORT_YEARS_INVALID({ field: 'yearFrom' });
  const language: Locale = input.language ?? (isLocale(actor.preferredLanguage) ? actor.preferredLanguage : 'en');
  const { year: _y, yearFrom: _f, yearTo: _t, language: _l, ...rest } = input;
  const filters: Filters = statReportFilters.parse(rest);
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('stat_report').values({
      requested_by: actor.userId, office_id: actor.officeId, scope: scopeFor(actor, 'statistics.read'), year_from: yearFrom, year_to: yearTo,
      filters: JSON.stringify(filters), language, figures_total: REPORT_SECTIONS.length, created_at: now, expires_at: new Date(now.getTime() + REPORT_LIFETIME_MS),
    }).returning(COLUMNS).executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'statistics.report_requested', entityType: 'stat_report', entityId: row.id,
      after: { yearFrom, yearTo, language, filters },
    });
    return present(row, now);
  });
}

export async function getReport(input: { id: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'statistics.read');
  return present(await ownReport(db, actor, input.id), clock.now());
}

export async function listReports(_input: object, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'statistics.read');
  const rows = await db.selectFrom('stat_report').select(COLUMNS).where('requested_by', '=', actor.userId).orderBy('created_at', 'desc').limit(20).execute();
  return { items: rows.map((r) => present(r, clock.now())) };
}

/** The PDF of the user's own report, while it is kept: the download is audited. */
export async function downloadReport(input: { id: string }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'statistics.read');
  return db.transaction().execute(async (trx) => {
    const row = await ownReport(trx, actor, input.id);
    if (row.expires_at.getTime() <= clock.now().getTime()) throw errors.STAT_REPORT_EXPIRED();
    if (row.status !== 'done') throw errors.STAT_REPORT_NOT_READY({ status: row.status });
    const file = await trx.selectFrom('stat_report').select('pdf').where('id', '=', row.id).executeTakeFirstOrThrow();
    if (!file.pdf) throw errors.STAT_REPORT_EXPIRED();
    await audit(trx, auditContextOf(actor), { event: 'statistics.report_downloaded', entityType: 'stat_report', entityId: row.id, after: { yearFrom: row.year_from, yearTo: row.year_to, language: row.language } });
    return { pdf: file.pdf, fileName: `homeward-report-${row.year_from === row.year_to ? row.year_from : `${row.year_from}-${row.year_to}`}-${row.language}.pdf` };
  });
}

/**
 * The requester as they are now: the user (still active) and their grants, reloaded from the
 * database, so the report is read in their scope at the time it is made. Null when they no longer
 * exist, are disabled, or no longer hold `statistics.read`.
 */
const requesterNow = (db: Db, userId: string) => userNow(db, userId, 'statistics.read');

async function scopeLabel(db: Db, actor: Actor, t: (k: string, v?: Record<string, string>) => string) {
  const scope = scopeFor(actor, 'statistics.read');
  if (scope === 'all') return t('statistics.report.pdf.scope.all');
  if (scope === 'organisation') {
    const org = await db.selectFrom('organisation').select('name').where('id', '=', actor.organisationId).executeTakeFirst();
    return t('statistics.report.pdf.scope.organisation', { name: org?.name ?? '' });
  }
  const office = actor.officeId ? await db.selectFrom('office').select('name').where('id', '=', actor.officeId).executeTakeFirst() : undefined;
  return t('statistics.report.pdf.scope.office', { name: office?.name ?? '' });
}

function filterLines(f: Filters, language: Locale, t: (k: string) => string, names: { office?: string; project?: string }) {
  const out: string[] = [];
  if (f.officeId) out.push(`${t('statistics.report.pdf.scope.office').replace(' {name}', '').replace('{name}', '')}: ${names.office ?? ''}`.trim());
  if (f.projectId && names.project) out.push(names.project);
  if (f.donor) out.push(`${t('statistics.filter.donor')}: ${f.donor}`);
  if (f.hostCountry) out.push(`${t('statistics.filter.hostCountry')}: ${countryName(f.hostCountry, language)}`);
  if (f.originCountry) out.push(`${t('statistics.filter.originCountry')}: ${countryName(f.originCountry, language)}`);
  if (f.originRegion) out.push(`${t('statistics.filter.originRegion')}: ${regionName(f.originRegion, language) ?? f.originRegion}`);
  if (f.sex) out.push(`${t('statistics.filter.sex')}: ${t(`statistics.sex.${f.sex}`)}`);
  if (f.ageBand) out.push(`${t('statistics.filter.ageBand')}: ${f.ageBand === 'unknown' ? t('statistics.unknown') : f.ageBand}`);
  return out;
}

export interface ReportJobDeps {
  db: Db;
  clock: Clock;
  /** Where the report's figures are read (the read replica when one is configured); `db` when unset. */
  readDb?: Db;
}

/** The queue of the hourly removal of expired reports' PDFs (created at migration time). */
export const STAT_REPORT_PURGE_QUEUE = 'statistics.report-purge';

/**
 * Reports past their lifetime lose their PDF, every hour (the row stays, so the download answers
 * 410 and the list shows it expired). Answers how many PDFs were removed.
 */
export async function purgeExpiredReports({ db, clock }: ReportJobDeps) {
  const removed = await db.updateTable('stat_report').set({ pdf: null }).where('expires_at', '<=', clock.now()).where('pdf', 'is not', null)
    .returning('id').execute();
  return removed.length;
}

/**
 * The job: reads each figure of the report through `statisticsFigure` as the requester is now
 * (their scope and disclosure control), recording progress after each, then renders the PDF and
 * keeps it in the row. A report already finished is left as it is (a retried job does nothing).
 */
export async function buildReport(reportId: string, { db, clock, readDb = db }: ReportJobDeps) {
  const claimed = await db.updateTable('stat_report').set({ status: 'running', figures_done: 0 })
    .where('id', '=', reportId).where('status', 'in', ['queued', 'running']).returningAll().executeTakeFirst();
  if (!claimed) return;
  const fail = (code: string) => db.updateTable('stat_report').set({ status: 'failed', error_code: code, finished_at: clock.now() }).where('id', '=', reportId).execute();
  if (claimed.expires_at.getTime() <= clock.now().getTime()) return void (await fail('STAT_REPORT_EXPIRED'));
  const actor = await requesterNow(db, claimed.requested_by);
  if (!actor) return void (await fail('STAT_REPORT_PERMISSION_LOST'));
  try {
    const filters = claimed.filters as Filters;
    const language = claimed.language;
    const cat = catalogue(language);
    const t = (k: string, v: Record<string, string> = {}) => fill(cat[k] ?? k, v);
    const trendFrom = Math.min(claimed.year_from, claimed.year_to - TREND_YEARS + 1);
    const figures = new Map<string, StatFigureView>();
    let done = 0;
    for (const s of REPORT_SECTIONS) {
      const q = statQuery.parse({
        ...filters, top: s.top ?? 10,
        ...(s.span === 'trend' ? { yearFrom: trendFrom, yearTo: claimed.year_to } : s.span === 'year' ? { year: claimed.year_to } : { yearFrom: claimed.year_from, yearTo: claimed.year_to }),
      });
      figures.set(s.key, await statisticsFigure(readDb, actor, s.figure, q));
      await db.updateTable('stat_report').set({ figures_done: ++done }).where('id', '=', reportId).execute();
    }
    const office = filters.officeId ? await db.selectFrom('office').select('name').where('id', '=', filters.officeId).executeTakeFirst() : undefined;
    const project = filters.projectId ? await db.selectFrom('project').select('name').where('id', '=', filters.projectId).executeTakeFirst() : undefined;
    const pdf = await renderAnnualReport({
      language, scope: await scopeLabel(db, actor, t), yearFrom: claimed.year_from, yearTo: claimed.year_to, trendFrom, kind: filters.kind,
      filters: filterLines(filters, language, t, { office: office?.name, project: project?.name }), generatedAt: clock.now(), figures,
    });
    await db.updateTable('stat_report').set({ status: 'done', pdf, size_bytes: pdf.length, finished_at: clock.now() }).where('id', '=', reportId).execute();
  } catch (err) {
    await fail('STAT_REPORT_FAILED');
    throw err;
  }
}
