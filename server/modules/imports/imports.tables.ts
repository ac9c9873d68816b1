import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Tables the imports module writes (migration 0030): uploaded files, saved mappings, runs and their staged rows. */
export interface ImportFileTable {
  id: Generated<string>;
  office_id: string;
  uploaded_by: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  stored_name: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  created_at: Timestamp;
  /** When the stored file was removed from disk (an import of it ended). */
  removed_at: NullableTimestamp;
}

export interface ImportMappingTable {
  id: Generated<string>;
  office_id: string;
  name: string;
  /** What the mapped file holds (one of IMPORT_ENTITIES). */
  entity: Generated<string>;
  mapping: Json;
  /** The mapping of the cases file of a person file whose cases are in a file of their own. */
  cases_mapping: Json | null;
  saved_by: string;
  updated_at: Timestamp;
}

export interface ImportRunTable {
  id: Generated<string>;
  file_id: string;
  office_id: string;
  mode: 'dry_run' | 'import';
  /** What the file holds (migration 0040). */
  entity: Generated<'households' | 'vulnerabilities' | 'components' | 'visits'>;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  source: string;
  mapping: Json;
  batches: number;
  batches_done: Generated<number>;
  staged: Generated<boolean>;
  classified: Generated<boolean>;
  rows_total: Generated<number>;
  rows_done: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  rejected_count: Generated<number>;
  duplicate_count: Generated<number>;
  cancel_requested: Generated<boolean>;
  error_code: string | null;
  started_by: string;
  /** Migration 0049: the cases file of a person file whose cases are in a file of their own, and its mapping. */
  cases_file_id: string | null;
  cases_mapping: Json | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** The case's fields as a file gives them, staged on a person row or on a row of a cases file. */
export interface StagedCaseFields {
  legal_status: string | null;
  country_of_return: string | null;
  kind: string | null;
  stage: string | null;
  registered_on: string | null;
  departed_on: string | null;
  arrived_on: string | null;
  closed_on: string | null;
  /** Migration 0084: the day the case was approved. */
  approved_on: string | null;
  /** Migration 0048: the admission date of a post-arrival case; the project's code, then the project found. */
  admitted_on: string | null;
  project_code: string | null;
  project_id: string | null;
}

export interface ImportRowTable extends StagedCaseFields {
  run_id: string;
  line: number;
  batch: number;
  household_key: string | null;
  legacy_id: string | null;
  relationship: string | null;
  given_name: string | null;
  family_name: string | null;
  original_script_name: string | null;
  name_folded: string | null;
  name_skeleton: string | null;
  sex: string | null;
  birth_date: string | null;
  birth_date_estimated: boolean | null;
  nationality: string | null;
  outcome: 'pending' | 'created' | 'updated' | 'unchanged' | 'rejected';
  reason: string | null;
  reason_column: string | null;
  duplicate_of: string | null;
  /** Migration 0040: the categories of a person row; for a row of an entity file, its person, values, and what classification found. */
  vulnerabilities: string[] | null;
  person_legacy_id: string | null;
  entity_values: unknown;
  case_id: string | null;
  person_id: string | null;
  target_id: string | null;
  /** Migration 0048: one identity document of the person. */
  document_type: string | null;
  document_number: string | null;
  document_number_norm: string | null;
  document_country: string | null;
}

/** Migration 0034: the reviewer's decision on an imported person and an existing person it looks like. */
export interface ImportDuplicateReviewTable {
  run_id: string;
  line: number;
  candidate_id: string;
  office_id: string;
  person_id: string | null;
  decision: 'same' | 'different';
  decided_by: string;
  decided_at: Timestamp;
}

/** A finished run's report (migration 0035): per row of the file its outcome, kept when the staged rows are deleted. */
export interface ImportReportRowTable {
  run_id: string;
  /** Migration 0049: the file of the line (a cases file's rejected rows are reported too). */
  file: Generated<'persons' | 'cases'>;
  line: number;
  household_key: string | null;
  legacy_id: string | null;
  outcome: 'pending' | 'created' | 'updated' | 'unchanged' | 'rejected';
  reason: string | null;
  reason_column: string | null;
  duplicate_of: string | null;
}

/** Migration 0049: a staged row of a cases file, its case's fields validated; copied onto its persons' rows. */
export interface ImportCaseRowTable extends StagedCaseFields {
  run_id: string;
  line: number;
  legacy_id: string | null;
  outcome: 'created' | 'rejected';
  reason: string | null;
  reason_column: string | null;
}

export interface ImportsTables {
  import_case_row: ImportCaseRowTable;
  import_file: ImportFileTable;
  import_mapping: ImportMappingTable;
  import_run: ImportRunTable;
  import_row: ImportRowTable;
  import_duplicate_review: ImportDuplicateReviewTable;
  import_report_row: ImportReportRowTable;
}
