import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Migration 0060: a returnee's access request, its progress and, once built, the bundle in three formats. */
export interface AccessRequestTable {
  id: Generated<string>;
  person_id: string;
  requested_by: string;
  organisation_id: string | null;
  language: 'en' | 'fr' | 'es' | 'ar';
  reference: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  sections_done: Generated<number>;
  sections_total: number;
  error_code: string | null;
  bundle_json: Buffer | null;
  bundle_csv: Buffer | null;
  bundle_pdf: Buffer | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  expires_at: Timestamp;
}

export interface PrivacyTables {
  access_request: AccessRequestTable;
}
