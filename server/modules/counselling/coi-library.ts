import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { isStale } from '../../../shared/counselling.js';
import type { CoiEditInput, CoiEntryInput, CoiSearchInput } from '../../../shared/schemas/counselling.js';
import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { sniffContentType } from '../cases/index.js';
import { errors } from './counselling.errors.js';
import { caseErrors } from '../cases/index.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/** Anyone who works on cases or counsels may read the library; coi.manage writes it. */
export function requireCoiRead(actor: Actor) {
  if (!can(actor, 'case.read') && !can(actor, 'counselling.write')) requirePermission(actor, 'case.read');
}

const entryNotFound = () => errors.COI_ENTRY_NOT_FOUND();

export async function coiSettings(ex: Executor) {
  const row = await ex.selectFrom('coi_setting').select(['stale_after_months', 'version', 'updated_at']).executeTakeFirstOrThrow();
  return { id: 'coi-settings', staleAfterMonths: row.stale_after_months, version: row.version, updatedAt: row.updated_at.toISOString() };
}

/** The settings have no uuid: their ETag uses a fixed id. */
export const SETTINGS_ETAG_ID = '00000000-0000-4000-8000-00000000c011';

export async function readCoiSettings(actor: Actor, { db }: Deps) {
  requireCoiRead(actor);
  return { ...(await coiSettings(db)), id: SETTINGS_ETAG_ID };
}

export async function updateCoiSettings(actor: Actor, expected: number, input: { staleAfterMonths: number }, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('coi_setting').select(['stale_after_months', 'version']).forUpdate().executeTakeFirstOrThrow();
    if (before.version !== expected) throw staleVersion();
    await trx.updateTable('coi_setting').set({ stale_after_months: input.staleAfterMonths, version: before.version + 1, updated_by: actor.userId, updated_at: clock.now() }).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'coi.settings.updated', entityType: 'coi_setting',
      before: { staleAfterMonths: before.stale_after_months }, after: { staleAfterMonths: input.staleAfterMonths },
    });
    return { ...(await coiSettings(trx)), id: SETTINGS_ETAG_ID };
  });
}

/** The date before which information is stale, as YYYY-MM-DD. */
function staleLimit(months: number, now: Date) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate())).toISOString().slice(0, 10);
}

const summaryOf = (e: { id: string; country_code: string; topic: string; title: string; language: string; information_date: string; version: number; updated_at: Date }, months: number, now: Date) => ({
  id: e.id,
  country: e.country_code,
  topic: e.topic,
  title: e.title,
  language: e.language,
  informationDate: e.information_date,
  version: e.version,
  updatedAt: e.updated_at.toISOString(),
  stale: isStale(e.information_date, months, now),
});

export async function searchCoi(actor: Actor, input: CoiSearchInput, { db, clock }: Deps) {
  requireCoiRead(actor);
  const { staleAfterMonths } = await coiSettings(db);
  const now = clock.now();
  let q = db.selectFrom('coi_entry as e');
  if (input.country) q = q.where('e.country_code', '=', input.country);
  if (input.topic) q = q.where('e.topic', '=', input.topic);
  if (input.language) q = q.where('e.language', '=', input.language);
  if (input.stale !== undefined) q = q.where('e.information_date', input.stale ? '<' : '>=', staleLimit(staleAfterMonths, now));
  if (input.q) q = q.where(sql<boolean>`e.title ILIKE ${`%${input.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('coi_entry_version as v', (j) => j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.version'))
    .select(['e.id', 'e.country_code', 'e.topic', 'e.title', 'e.language', 'e.information_date', 'e.version', 'e.updated_at', 'v.id as current_version_id'])
    .orderBy('e.country_code').orderBy('e.topic').orderBy('e.information_date', 'desc').orderBy('e.id')
    .limit(input.pageSize).offset((input.page - 1) * input.pageSize)
    .execute();
  return { items: rows.map((r) => ({ ...summaryOf(r, staleAfterMonths, now), currentVersionId: r.current_version_id })), total: total.n, page: input.page, pageSize: input.pageSize, staleAfterMonths };
}

const versionOf = (v: { id: string; version: number; title: string; summary: string | null; body: string; language: string; source: string; information_date: string; created_at: Date; author_name: string }) => ({
  id: v.id,
  version: v.version,
  title: v.title,
  summary: v.summary,
  body: v.body,
  language: v.language,
  source: v.source,
  informationDate: v.information_date,
  createdByName: v.author_name,
  createdAt: v.created_at.toISOString(),
});

async function loadVersion(ex: Executor, entryId: string, version: number) {
  const v = await ex
    .selectFrom('coi_entry_version as v')
    .innerJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.id', 'v.version', 'v.title', 'v.summary', 'v.body', 'v.language', 'v.source', 'v.information_date', 'v.created_at', 'u.name as author_name'])
    .where('v.entry_id', '=', entryId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  if (!v) throw errors.COI_VERSION_NOT_FOUND();
  return versionOf(v);
}

/** One entry: its current version in full, the list of versions, its files, and whether it is stale. */
export async function readCoiEntry(ex: Executor, id: string, now: Date) {
  const e = await ex
    .selectFrom('coi_entry')
    .select(['id', 'country_code', 'topic', 'title', 'language', 'information_date', 'version', 'updated_at', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!e) throw entryNotFound();
  const { staleAfterMonths } = await coiSettings(ex);
  const versions = await ex
    .selectFrom('coi_entry_version as v')
    .innerJoin('app_user as u', 'u.id', 'v.created_by')
    .select(['v.id', 'v.version', 'v.title', 'v.information_date', 'v.language', 'v.created_at', 'u.name as author_name'])
    .where('v.entry_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  const attachments = await ex
    .selectFrom('coi_attachment as a')
    .innerJoin('app_user as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.file_name', 'a.content_type', 'a.size_bytes', 'a.sha256', 'a.description', 'a.entry_version', 'a.created_at', 'u.name as uploader_name'])
    .where('a.entry_id', '=', id)
    .orderBy('a.created_at', 'desc')
    .execute();
  return {
    ...summaryOf(e, staleAfterMonths, now),
    staleAfterMonths,
    createdAt: e.created_at.toISOString(),
    current: await loadVersion(ex, id, e.version),
    versions: versions.map((v) => ({ id: v.id, version: v.version, title: v.title, informationDate: v.information_date, language: v.language, createdByName: v.author_name, createdAt: v.created_at.toISOString(), stale: isStale(v.information_date, staleAfterMonths, now) })),
    attachments: attachments.map(presentAttachment),
  };
}

const presentAttachment = (a: { id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; description: string | null; entry_version: number; created_at: Date; uploader_name: string }) => ({
  id: a.id,
  fileName: a.file_name,
  contentType: a.content_type,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  description: a.description,
  entryVersion: a.entry_version,
  uploadedByName: a.uploader_name,
  createdAt: a.created_at.toISOString(),
});

export async function getCoiEntry(actor: Actor, id: string, { db, clock }: Deps) {
  requireCoiRead(actor);
  return readCoiEntry(db, id, clock.now());
}

export async function getCoiVersion(actor: Actor, id: string, version: number, { db }: Deps) {
  requireCoiRead(actor);
  const e = await db.selectFrom('coi_entry').select(['id', 'country_code', 'topic']).where('id', '=', id).executeTakeFirst();
  if (!e) throw entryNotFound();
  return { entryId: e.id, country: e.country_code, topic: e.topic, ...(await loadVersion(db, id, version)) };
}

export async function createCoiEntry(actor: Actor, input: CoiEntryInput, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const e = await trx
      .insertInto('coi_entry')
      .values({ country_code: input.country, topic: input.topic, title: input.title, language: input.language, information_date: input.informationDate, version: 1, created_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertVersion(trx, actor, e.id, 1, input, now);
    await audit(trx, auditContextOf(actor), { event: 'coi.entry.created', entityType: 'coi_entry', entityId: e.id, after: { ...input, version: 1 } });
    return readCoiEntry(trx, e.id, now);
  });
}

function insertVersion(trx: Executor, actor: Actor, entryId: string, version: number, input: CoiEditInput, now: Date) {
  return trx
    .insertInto('coi_entry_version')
    .values({ entry_id: entryId, version, title: input.title, summary: input.summary ?? null, body: input.body, language: input.language, source: input.source, information_date: input.informationDate, created_by: actor.userId, created_at: now })
    .execute();
}

/** Editing never overwrites: it adds a version, and the entry shows the newest. */
export async function editCoiEntry(actor: Actor, id: string, expected: number, input: CoiEditInput, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('coi_entry').select(['id', 'version', 'title', 'language', 'information_date']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!e) throw entryNotFound();
    if (e.version !== expected) throw staleVersion();
    const version = e.version + 1;
    await insertVersion(trx, actor, id, version, input, now);
    await trx.updateTable('coi_entry').set({ title: input.title, language: input.language, information_date: input.informationDate, version, updated_at: now }).where('id', '=', id).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'coi.entry.updated', entityType: 'coi_entry', entityId: id,
      before: { version: e.version, title: e.title, language: e.language, informationDate: e.information_date }, after: { ...input, version },
    });
    return readCoiEntry(trx, id, now);
  });
}

const safeName = (name: string) => name.replace(/[\\/\u0000-\u001F]/g, '_').slice(0, 200) || 'file';

export async function addCoiAttachment(actor: Actor, id: string, file: { fileName: string; content: Buffer; description?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'coi.manage');
  if (!file.content.length) throw caseErrors.ATTACHMENT_EMPTY();
  const contentType = await sniffContentType(file.content, file.fileName);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return db.transaction().execute(async (trx) => {
    const e = await trx.selectFrom('coi_entry').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!e) throw entryNotFound();
    const row = await trx
      .insertInto('coi_attachment')
      .values({ entry_id: id, entry_version: e.version, file_name: safeName(file.fileName), content_type: contentType, size_bytes: file.content.length, sha256, description: file.description?.trim().slice(0, 500) || null, content: file.content, uploaded_by: actor.userId, created_at: clock.now() })
      .returning(['id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'description', 'entry_version', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'coi.attachment.added', entityType: 'coi_attachment', entityId: row.id,
      after: { entryId: id, fileName: row.file_name, contentType, sizeBytes: row.size_bytes, sha256 },
    });
    return presentAttachment({ ...row, uploader_name: actor.name });
  });
}

export async function downloadCoiAttachment(actor: Actor, id: string, attachmentId: string, { db }: Deps) {
  requireCoiRead(actor);
  const row = await db.selectFrom('coi_attachment').select(['file_name', 'content_type', 'content']).where('entry_id', '=', id).where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw caseErrors.ATTACHMENT_NOT_FOUND();
  return row;
}
