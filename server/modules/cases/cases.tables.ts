import type { Generated, GeneratedAlways } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db.js';
import type { PersonProtectionTables } from './person-protection.tables.js';
import type { RetentionTables } from './retention.tables.js';

/**
 * Tables the cases module writes: people and their documents, cases, household members, stage
 * changes, notes, attachments and saved filters (migration 0003), and the staff assigned to a case
 * (0004): every case scope reads it, so protection and handover add staff through the cases module.
 */
export interface PersonTable {
  id: Generated<string>;
  given_name: string;
  family_name: string;
  other_names: string[];
  original_script_name: string | null;
  transliteration: string | null;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birth_date: string | null;
  birth_date_estimated: boolean;
  nationality: string | null;
  languages: string[];
  phone: string | null;
  email: string | null;
  name_folded: string;
  name_skeleton: string;
  /** Blocking keys of the duplicate check, computed by the database from name_skeleton and birth_date (migration 0045). */
  block_keys: GeneratedAlways<string[] | null>;
  /** Where an imported person came from, and their id there (unique together). */
  legacy_source: Generated<string | null>;
  legacy_id: Generated<string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  /** Migration 0061: when the person was erased (anonymised); their row stays for the statistics. */
  erased_at: NullableTimestamp;
}

export interface IdentityDocumentTable {
  id: Generated<string>;
  person_id: string;
  type: string;
  number: string;
  number_norm: string;
  issuing_country: string | null;
  expiry_date: string | null;
  created_at: Generated<Date>;
  /** Migration 0048: the system a legacy import took the document from (one per person and source). */
  legacy_source: Generated<string | null>;
}

export interface ReturnCaseTable {
  id: Generated<string>;
  case_number: string;
  kind: 'voluntary_return' | 'post_arrival';
  stage: string;
  stage_changed_at: Timestamp;
  legal_status: string;
  country_of_return: string;
  office_id: string;
  origin_office_id: string | null;
  organisation_id: string;
  owner_id: string;
  created_by: string;
  principal_person_id: string;
  restricted: Generated<boolean>;
  admission_date: string | null;
  project_id: string | null;
  host_arrival_date: string | null;
  /** The day the case moved to departed, or the legacy file's departure date (migration 0036): the statistics count a return by it. */
  departed_on: Generated<string | null>;
  /** Migration 0084: the day the case was approved (set by the move to approved, or imported). */
  approved_on: Generated<string | null>;
  /** Where an imported case came from, and its household key there (unique together). */
  legacy_source: Generated<string | null>;
  legacy_id: Generated<string | null>;
  /** The principal applicant's nationality, kept by triggers (migration 0074) for the case list's filter. */
  principal_nationality: Generated<string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseNumberCounterTable {
  office_id: string;
  year: number;
  last: number;
}

export interface CaseMemberTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  relationship: string;
  position: number;
  travelling: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface StageTransitionTable {
  id: Generated<string>;
  case_id: string;
  from_stage: string | null;
  to_stage: string;
  reason: string | null;
  actor_id: string;
  at: Timestamp;
}

export interface CaseNoteTable {
  id: Generated<string>;
  case_id: string;
  author_id: string;
  /** Null for a sensitive note (migration 0063): its body is sealed for the principal applicant in `body_encrypted`. */
  body: string | null;
  body_encrypted: Generated<string | null>;
  sensitive: boolean;
  created_at: Timestamp;
}

export interface CaseAttachmentTable {
  id: Generated<string>;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  description: string | null;
  content: Buffer;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface SavedFilterTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filter: Json;
  created_at: Generated<Date>;
}

export interface CaseAssignmentTable {
  case_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: Generated<Date>;
}

/** An export of the case list (migration 0043): its filter, progress and the file's life. */
export interface CaseExportTable {
  id: Generated<string>;
  requested_by: string;
  format: 'csv' | 'xlsx';
  filter: Json;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  rows_total: number | null;
  rows_done: Generated<number>;
  size_bytes: number | null;
  error_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
  expires_at: Timestamp;
  removed_at: NullableTimestamp;
}

/**
 * Cases by stage, maintained by triggers on return_case (migration 0046): rows of the same key add
 * up, some negative, until `case_stage_count_compact()` folds them. Read by `stageCounts`.
 */
export interface CaseStageCountTable {
  office_id: string;
  origin_office_id: string | null;
  organisation_id: string;
  owner_id: string;
  stage: string;
  restricted: boolean;
  /** bigint, read as a number by the driver. */
  n: number;
}

/** A supervisor's time-limited, read-only access to a case outside their scope (migration 0057). */
export interface CaseBreakGlassTable {
  id: Generated<string>;
  case_id: string;
  user_id: string;
  organisation_id: string;
  reason: string;
  granted_at: Date;
  expires_at: Date;
  reviewed_at: Date | null;
  reviewed_by: string | null;
}

/** Migration 0070: the e-mail of a break-glass grant to one data-protection officer, claimed before it is sent. */
export interface CaseBreakGlassMailTable {
  grant_id: string;
  user_id: string;
  status: Generated<'sending' | 'sent'>;
  claimed_at: Date;
  sent_at: Date | null;
}

export interface CasesTables extends PersonProtectionTables, RetentionTables {
  person: PersonTable;
  identity_document: IdentityDocumentTable;
  return_case: ReturnCaseTable;
  case_number_counter: CaseNumberCounterTable;
  case_member: CaseMemberTable;
  stage_transition: StageTransitionTable;
  case_note: CaseNoteTable;
  case_attachment: CaseAttachmentTable;
  saved_filter: SavedFilterTable;
  case_assignment: CaseAssignmentTable;
  case_export: CaseExportTable;
  case_stage_count: CaseStageCountTable;
  case_break_glass: CaseBreakGlassTable;
  case_break_glass_mail: CaseBreakGlassMailTable;
}
