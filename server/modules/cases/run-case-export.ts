import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { sql } from 'kysely';
import { isHealthCategory } from '../../../shared/protection.js';
import { LOCALES, type Locale } from '../../../shared/reference/locale.js';
import { countryByAlpha2 } from '../../../shared/reference/countries.js';
import type { Actor, Clock } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { loadGrants } from '../../platform/session.js';
import { addSheetRow, csvRow, loadExcelJs, UTF8_BOM, type SheetValue } from '../../platform/spreadsheet.js';
import { originAudienceSql } from './cases.policy.js';
import { exportMessages } from './export-messages.js';
import { fieldPolicy, type CaseFieldPolicy } from './field-policy.js';
import { sharedWithOrigin } from './origin-sharing.js';
import { filteredCases, type CaseFilterInput } from './search-cases.js';

/** The queue an export of the case list runs on (created at migration time). */
export const CASE_EXPORT_QUEUE = 'cases.export';
/** The hourly removal of exports past their 24 hours. */
export const CASE_EXPORT_PURGE_QUEUE = 'cases.export-purge';

/** Cases read per page: memory stays flat however many cases the filter matches. */
export const EXPORT_PAGE_SIZE = 1000;

export interface CaseExportJobDeps {
  db: Db;
  /** Where the exported cases are read (the read replica when one is configured); `db` when unset. The job's own row and audit stay on `db`. */
  readDb?: Db;
  clock: Clock;
  dataDir: string;
  /** Rows per page (tests make it small to cross page boundaries). */
  pageSize?: number;
}

export const exportPath = (dataDir: string, id: string, format: 'csv' | 'xlsx') => path.join(dataDir, 'exports', `${id}.${format}`);

/**
 * The requester as they are now (the job runs later than the request): their user, active, and
 * their current grants. Null when the user is disabled.
 */
export async function requesterNow(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.selectFrom('app_user').select(['id', 'name', 'email', 'office_id', 'organisation_id', 'preferred_language', 'active'])
    .where('id', '=', userId).executeTakeFirst();
  if (!user || !user.active) return null;
  const { roles, grants } = await loadGrants(db, user.id);
  return {
    userId: user.id, name: user.name, email: user.email, officeId: user.office_id, organisationId: user.organisation_id,
    preferredLanguage: user.preferred_language, grants, roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, scope: r.scope })),
    totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: 'job', csrfToken: 'job', ip: null,
  };
}

interface Column { header: string; value: (r: ExportRow, policy: CaseFieldPolicy, vulns: string[]) => SheetValue }
type ExportRow = Awaited<ReturnType<typeof readPage>>[number];

/** The columns an actor's export has: a column of a field group the actor can never see is left out, not blanked. */
function columnsFor(actor: Actor, locale: string): Column[] {
  const m = exportMessages(locale);
  const lang = ((LOCALES as readonly string[]).includes(locale) ? locale : 'en') as Locale;
  const country = (c: string | null) => (c ? countryByAlpha2(c)?.names[lang] ?? c : null);
  const label = (prefix: string, key: string | null) => (key ? m.t(`${prefix}.${key}`, key) : null);
  // The widest view the actor's rights give (their own office's cases): the columns they may ever see.
  const widest = fieldPolicy(actor, 'host', null);
  const h = (k: string) => m.t(`cases.export.column.${k}`, k);
  const cols: Column[] = [
    { header: h('caseNumber'), value: (r) => r.case_number },
    { header: h('stage'), value: (r) => label('stage', r.stage) },
    { header: h('kind'), value: (r) => label('caseKind', r.kind) },
    { header: h('office'), value: (r) => r.office_name },
    { header: h('countryOfReturn'), value: (r) => country(r.country_of_return) },
    { header: h('project'), value: (r) => r.project_name },
    { header: h('principal'), value: (r) => m.personName(r.given_name, r.family_name) },
    { header: h('originalScriptName'), value: (r) => r.original_script_name },
    { header: h('sex'), value: (r) => label('sex', r.sex) },
    { header: h('birthDate'), value: (r) => r.birth_date },
    { header: h('nationality'), value: (r) => country(r.nationality) },
    { header: h('householdSize'), value: (r) => r.member_count },
    { header: h('registeredOn'), value: (r) => r.created_at.toISOString().slice(0, 10) },
    { header: h('approvedOn'), value: (r) => r.approved_on },
    { header: h('departedOn'), value: (r) => r.departed_on },
  ];
  if (widest.legalStatus) {
    cols.push({ header: h('legalStatus'), value: (r, p) => (p.legalStatus ? label('legalStatus', r.legal_status) : null) });
    // Non-medical vulnerabilities belong to the asylum history group.
    cols.push({ header: h('vulnerabilities'), value: (_r, p, v) => (p.legalStatus ? v.filter((c) => !isHealthCategory(c)).map((c) => m.t(`protection.category.${c}`, c)).join('; ') : null) });
  }
  if (widest.healthRecords) {
    cols.push({ header: h('healthVulnerabilities'), value: (_r, p, v) => (p.healthRecords ? v.filter((c) => isHealthCategory(c)).map((c) => m.t(`protection.category.${c}`, c)).join('; ') : null) });
  }
  return cols;
}

/** One page of the filter's cases after `afterNumber` (keyset on the unique case number). */
function readPage(db: Db, actor: Actor, filter: CaseFilterInput, afterNumber: string | null, size: number) {
  let q = filteredCases(db, actor, filter, true)
    .innerJoin('office as o', 'o.id', 'c.office_id')
    .leftJoin('project as pr', 'pr.id', 'c.project_id')
    .select([
      'c.id', 'c.case_number', 'c.stage', 'c.kind', 'c.legal_status', 'c.country_of_return', 'c.office_id', 'c.origin_office_id', 'c.created_at', 'c.approved_on', 'c.departed_on',
      'o.name as office_name', 'pr.name as project_name',
      'p.given_name', 'p.family_name', 'p.original_script_name', 'p.sex', 'p.birth_date', 'p.nationality',
      originAudienceSql(actor).as('origin_audience'),
      sql<number>`(SELECT count(*)::int FROM case_member cm WHERE cm.case_id = c.id)`.as('member_count'),
    ]);
  if (afterNumber !== null) q = q.where('c.case_number', '>', afterNumber);
  return q.orderBy('c.case_number').limit(size).execute();
}

/** The active vulnerability categories of each case of a page (the protection module's records, read for this report). */
async function vulnerabilitiesOf(db: Db, caseIds: string[]) {
  const out = new Map<string, string[]>();
  if (!caseIds.length) return out;
  const rows = await db.selectFrom('vulnerability').select(['case_id', 'category']).distinct()
    .where('case_id', 'in', caseIds).where('status', '=', 'active').orderBy('category').execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.category]);
  return out;
}

/** A file being written, CSV or XLSX, with the same three steps. */
interface Sink { row(values: SheetValue[]): Promise<void>; close(): Promise<void> }

async function csvSink(file: string): Promise<Sink> {
  const out: WriteStream = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(UTF8_BOM);
  return {
    row: (values) => write(csvRow(values)),
    close: () => new Promise((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}

async function xlsxSink(file: string): Promise<Sink> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = wb.addWorksheet('Cases');
  return {
    row: async (values) => addSheetRow(sheet, values).commit(),
    close: async () => {
      sheet.commit();
      await wb.commit();
    },
  };
}

async function fail(deps: CaseExportJobDeps, id: string, code: string) {
  await deps.db.updateTable('case_export').set({ status: 'failed', error_code: code, updated_at: deps.clock.now(), finished_at: deps.clock.now() }).where('id', '=', id).execute();
}

/**
 * Works an export: re-loads the requester and their grants (refused if they may no longer read
 * cases), counts the filter's cases, then writes them page by page (keyset on the case number)
 * with the list's scope and restricted-case rule and the field policy of each case, recording
 * the rows done after each page. A retry after a crash starts the file again.
 */
export async function runCaseExport(exportId: string, deps: CaseExportJobDeps): Promise<'done' | 'failed' | 'skipped'> {
  const { db, clock, dataDir } = deps;
  const readDb = deps.readDb ?? db;
  const job = await db.selectFrom('case_export').selectAll().where('id', '=', exportId).executeTakeFirst();
  if (!job || (job.status !== 'queued' && job.status !== 'running')) return 'skipped';
  const filter = job.filter as CaseFilterInput;
  const actor = await requesterNow(db, job.requested_by);
  const ctx = { actorId: job.requested_by, officeId: actor?.officeId ?? null, ip: null };
  if (!actor || !can(actor, 'case.read')) {
    await fail(deps, job.id, 'CASE_EXPORT_PERMISSION_LOST');
    await audit(db, ctx, { event: 'case.export.completed', entityType: 'case_export', entityId: job.id, after: { status: 'failed', errorCode: 'CASE_EXPORT_PERMISSION_LOST', rowCount: 0, filter } });
    return 'failed';
  }
  const counted = filteredCases(readDb, actor, filter, false).select(sql<number>`1`.as('one'));
  const { n } = await readDb.selectFrom(counted.as('t')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await db.updateTable('case_export').set({ status: 'running', rows_total: Number(n), rows_done: 0, updated_at: clock.now() }).where('id', '=', job.id).execute();

  const file = exportPath(dataDir, job.id, job.format);
  await mkdir(path.dirname(file), { recursive: true });
  const columns = columnsFor(actor, actor.preferredLanguage);
  const sink = job.format === 'csv' ? await csvSink(file) : await xlsxSink(file);
  let done = 0;
  try {
    await sink.row(columns.map((c) => c.header));
    let after: string | null = null;
    const size = deps.pageSize ?? EXPORT_PAGE_SIZE;
    for (;;) {
      const rows = await readPage(readDb, actor, filter, after, size);
      if (!rows.length) break;
      const vulns = await vulnerabilitiesOf(readDb, rows.map((r) => r.id));
      for (const r of rows) {
        const origin = !!r.origin_audience;
        const policy = fieldPolicy(actor, origin ? 'origin' : 'host', origin ? await sharedWithOrigin(readDb, r.id) : null);
        await sink.row(columns.map((c) => c.value(r, policy, vulns.get(r.id) ?? [])));
      }
      done += rows.length;
      after = rows[rows.length - 1].case_number;
      await db.updateTable('case_export').set({ rows_done: done, updated_at: clock.now() }).where('id', '=', job.id).execute();
      if (rows.length < size) break;
    }
    await sink.close();
  } catch (err) {
    await sink.close().catch(() => undefined);
    await unlink(file).catch(() => undefined);
    throw err;
  }
  const { size: bytes } = await stat(file);
  await db.transaction().execute(async (trx) => {
    const now = clock.now();
    await trx.updateTable('case_export').set({ status: 'done', rows_done: done, rows_total: done, size_bytes: bytes, updated_at: now, finished_at: now }).where('id', '=', job.id).execute();
    await audit(trx, ctx, { event: 'case.export.completed', entityType: 'case_export', entityId: job.id, after: { status: 'done', format: job.format, rowCount: done, filter } });
  });
  return 'done';
}

/** Deletes the files of exports past their 24 hours and marks them removed (hourly). */
export async function purgeCaseExports({ db, clock, dataDir }: CaseExportJobDeps) {
  const expired = await db.selectFrom('case_export').select(['id', 'format']).where('expires_at', '<=', clock.now()).where('removed_at', 'is', null).execute();
  for (const e of expired) {
    await unlink(exportPath(dataDir, e.id, e.format)).catch(() => undefined);
    await db.updateTable('case_export').set({ removed_at: clock.now(), updated_at: clock.now() }).where('id', '=', e.id).execute();
  }
  return expired.length;
}
