import { isStale } from '../../../shared/counselling.js';
import type { CoiEditInput } from '../../../shared/schemas/counselling.js';
import { can, requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import type { Db, Executor } from '../../platform/db.js';
import { errors } from './counselling.errors.js';
import { presentAttachment, summaryOf, versionOf } from './coi.present.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** Anyone who works on cases or counsels may read the library; coi.manage writes it. */
export function requireCoiRead(actor: Actor) {
  if (!can(actor, 'case.read') && !can(actor, 'counselling.write')) requirePermission(actor, 'case.read');
}

export const entryNotFound = () => errors.COI_ENTRY_NOT_FOUND();

export async function coiSettings(ex: Executor) {
  const row = await ex.selectFrom('coi_setting').select(['stale_after_months', 'version', 'updated_at']).executeTakeFirstOrThrow();
  return { id: 'coi-settings', staleAfterMonths: row.stale_after_months, version: row.version, updatedAt: row.updated_at.toISOString() };
}

/** The settings have no uuid: their ETag uses a fixed id. */
export const SETTINGS_ETAG_ID = '00000000-0000-4000-8000-00000000c011';

export async function loadVersion(ex: Executor, entryId: string, version: number) {
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

export function insertVersion(trx: Executor, actor: Actor, entryId: string, version: number, input: CoiEditInput, now: Date) {
  return trx
    .insertInto('coi_entry_version')
    .values({ entry_id: entryId, version, title: input.title, summary: input.summary ?? null, body: input.body, language: input.language, source: input.source, information_date: input.informationDate, created_by: actor.userId, created_at: now })
    .execute();
}
