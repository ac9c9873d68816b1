import { isStale } from '../../../shared/counselling.js';

/** The date before which information is stale, as YYYY-MM-DD. */
export function staleLimit(months: number, now: Date) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate())).toISOString().slice(0, 10);
}

export const summaryOf = (e: { id: string; country_code: string; topic: string; title: string; language: string; information_date: string; version: number; updated_at: Date }, months: number, now: Date) => ({
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

export const versionOf = (v: { id: string; version: number; title: string; summary: string | null; body: string; language: string; source: string; information_date: string; created_at: Date; author_name: string }) => ({
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

export const presentAttachment = (a: { id: string; file_name: string; content_type: string; size_bytes: number; sha256: string; description: string | null; entry_version: number; created_at: Date; uploader_name: string }) => ({
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
