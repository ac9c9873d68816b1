import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Tables the protection module writes: vulnerabilities and special measures (migration 0004), health records (0008). */
export interface VulnerabilityTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  category: string;
  /** In clear only on rows written before migration 0063, until the sealing job empties it. */
  details: string | null;
  /** Sealed for the person (`platform/person-keys.ts`, migration 0063). */
  details_encrypted: Generated<string | null>;
  status: Generated<'active' | 'resolved'>;
  identified_on: string;
  identified_by: string;
  /** An imported vulnerability's provenance (migration 0040). */
  legacy_source: Generated<string | null>;
  legacy_id: Generated<string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpecialMeasureTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  vulnerability_id: string | null;
  kind: string;
  title: string | null;
  owner_id: string | null;
  due_on: string | null;
  status: Generated<'open' | 'in_progress' | 'done' | 'not_needed'>;
  notes: string | null;
  completed_at: NullableTimestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HealthRecordTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  conditions: string | null;
  medication: string | null;
  travel_needs: string | null;
  /** Sealed for the person (`platform/person-keys.ts`, migration 0063); the clear columns above hold values written before, until the sealing job empties them. */
  conditions_encrypted: Generated<string | null>;
  medication_encrypted: Generated<string | null>;
  travel_needs_encrypted: Generated<string | null>;
  fit_to_travel: Generated<'fit' | 'fit_with_escort' | 'unfit' | 'pending'>;
  certificate_attachment_id: string | null;
  certified_by: string | null;
  certified_on: string | null;
  valid_until: string | null;
  recorded_by: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ProtectionTables {
  vulnerability: VulnerabilityTable;
  special_measure: SpecialMeasureTable;
  health_record: HealthRecordTable;
}
