import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Migration 0038: an annual report asked for by a user, its progress and, once built, its PDF. */
export interface StatReportTable {
  id: Generated<string>;
  requested_by: string;
  office_id: string | null;
  scope: 'own' | 'office' | 'organisation' | 'all';
  year_from: number;
  year_to: number;
  filters: Json;
  language: 'en' | 'fr' | 'es' | 'ar';
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  figures_done: Generated<number>;
  figures_total: number;
  error_code: string | null;
  pdf: Buffer | null;
  size_bytes: number | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  expires_at: Timestamp;
}
