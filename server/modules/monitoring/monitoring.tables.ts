import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Tables the monitoring module writes (migration 0027): survey instruments and their versions. */
export interface MonitoringInstrumentTable {
  id: Generated<string>;
  key: string;
  name: string;
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface MonitoringInstrumentVersionTable {
  id: Generated<string>;
  instrument_id: string;
  number: number;
  status: Generated<'draft' | 'published'>;
  /** Checked by `definitionSchema` (shared/schemas/monitoring.ts) before it is stored. */
  definition: unknown;
  provisional_weights: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
}

/** Migration 0028: schedules, visits, their scores, follow-ups, re-scoring jobs and reminders. */
export interface MonitoringProjectScheduleTable {
  project_id: string;
  anchor: string;
  offsets_months: number[];
  updated_by: string;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MonitoringScheduleTable {
  case_id: string;
  anchor: string;
  anchor_date: string;
  offsets_months: number[];
  source: string;
  change_reason: string | null;
  lost_to_follow_up_at: NullableTimestamp;
  closing_summary: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface MonitoringVisitTable {
  id: Generated<string>;
  case_id: string;
  slot: number;
  offset_months: number;
  planned_on: string;
  status: Generated<string>;
  officer_id: string | null;
  method: string | null;
  visited_on: string | null;
  outcome: string | null;
  not_reached_reason: string | null;
  /** `[{ componentKey, use }]`, checked by `recordVisitBody` before it is stored. */
  component_use: Generated<unknown>;
  sensitive_notes: string | null;
  next_steps: string | null;
  instrument_version_id: string | null;
  /** Raw answers as given, checked against the version's definition. */
  answers: unknown;
  recorded_by: string | null;
  recorder_office_id: string | null;
  recorded_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
  /** A visit of a programme's monitoring history brought by the legacy import (migration 0044; slot 0). */
  legacy_source: Generated<string | null>;
  legacy_id: Generated<string | null>;
}

/** Migration 0044: an imported visit's scores as the old system gave them (0..1), apart from any instrument version's. */
export interface MonitoringImportedScoreTable {
  visit_id: string;
  legacy_source: string;
  composite: string | null;
  economic: string | null;
  social: string | null;
  psychosocial: string | null;
  imported_at: Generated<Date>;
}

export interface MonitoringVisitScoreTable {
  id: Generated<string>;
  visit_id: string;
  instrument_version_id: string;
  result: unknown;
  composite: string | null;
  computed_by: string | null;
  computed_at: Generated<Date>;
  rescore_job_id: string | null;
}

export interface MonitoringFollowUpTable {
  id: Generated<string>;
  case_id: string;
  visit_id: string;
  kind: string;
  trigger_key: string;
  label: unknown;
  owner_id: string;
  due_on: string;
  status: Generated<string>;
  created_at: Generated<Date>;
  /** Migration 0033: completion, reassignment and rescheduling. */
  version: Generated<number>;
  updated_at: Generated<Date>;
  done_at: NullableTimestamp;
  done_by: string | null;
  outcome_note: string | null;
  referred_provider_id: string | null;
  protection_measure: string | null;
  due_change_reason: string | null;
}

export interface MonitoringRescoreJobTable {
  id: Generated<string>;
  from_version_id: string;
  to_version_id: string;
  country: string | null;
  project_id: string | null;
  status: Generated<string>;
  total: Generated<number>;
  done: Generated<number>;
  refused: Generated<number>;
  requested_by: string;
  requested_office_id: string | null;
  created_at: Generated<Date>;
  finished_at: NullableTimestamp;
}

export interface MonitoringReminderTable {
  visit_id: string;
  on_date: string;
  user_id: string;
  created_at: Generated<Date>;
}

/** Migration 0031: visits recorded offline, applied once per id the browser made. */
export interface MonitoringOfflineUploadTable {
  client_id: string;
  visit_id: string;
  user_id: string;
  based_on_version: number;
  result: unknown;
  received_at: Generated<Date>;
}

/** Migration 0033: the reminder e-mail sent (or being sent) to a user on a day. */
export interface MonitoringReminderMailTable {
  user_id: string;
  on_date: string;
  status: Generated<string>;
  visits: number;
  follow_ups: number;
  claimed_at: Timestamp;
  sent_at: NullableTimestamp;
}

/** Migration 0033: the survey taken at arrival, before the reintegration plan. */
export interface MonitoringArrivalAssessmentTable {
  id: Generated<string>;
  case_id: string;
  instrument_version_id: string;
  assessed_on: string;
  answers: unknown;
  result: unknown;
  composite: string | null;
  recorded_by: string;
  recorder_office_id: string | null;
  recorded_at: Timestamp;
  replaces_id: string | null;
  replace_reason: string | null;
  replaced_at: NullableTimestamp;
  version: Generated<number>;
}

export interface MonitoringTables {
  monitoring_instrument: MonitoringInstrumentTable;
  monitoring_instrument_version: MonitoringInstrumentVersionTable;
  monitoring_project_schedule: MonitoringProjectScheduleTable;
  monitoring_schedule: MonitoringScheduleTable;
  monitoring_visit: MonitoringVisitTable;
  monitoring_visit_score: MonitoringVisitScoreTable;
  monitoring_imported_score: MonitoringImportedScoreTable;
  monitoring_follow_up: MonitoringFollowUpTable;
  monitoring_rescore_job: MonitoringRescoreJobTable;
  monitoring_reminder: MonitoringReminderTable;
  monitoring_offline_upload: MonitoringOfflineUploadTable;
  monitoring_reminder_mail: MonitoringReminderMailTable;
  monitoring_arrival_assessment: MonitoringArrivalAssessmentTable;
}
