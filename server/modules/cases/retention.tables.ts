/**
 * Tables of the retention rules (migration 0065), written by the cases module: the rules of an
 * organisation and each run of one (dry or real) with its progress and report.
 */
import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db.js';

export interface RetentionRuleTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  scope: 'organisation' | 'project' | 'office';
  project_id: string | null;
  office_id: string | null;
  action: 'anonymise_closed_cases' | 'delete_attachments';
  years: number;
  status: Generated<'pending_approval' | 'approved'>;
  enabled: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RetentionRunTable {
  id: Generated<string>;
  rule_id: string;
  kind: 'dry' | 'real';
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  requested_by: string | null;
  items_total: number | null;
  items_done: Generated<number>;
  reached_count: Generated<number>;
  skipped_count: Generated<number>;
  bytes: Generated<number>;
  report: Json | null;
  error_code: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface RetentionTables {
  retention_rule: RetentionRuleTable;
  retention_run: RetentionRunTable;
}
