import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

type Purpose = 'reception' | 'reintegration' | 'medical_continuity' | 'monitoring';

/** Tables the handover module writes (migration 0010): handovers, consent to share, arrival, reception services. */
export interface HandoverConsentTable {
  id: Generated<string>;
  case_id: string;
  purpose: Purpose;
  asylum_history: boolean;
  counselling_notes: boolean;
  health_information: boolean;
  consented_on: string;
  recorded_by: string;
  recorded_at: Timestamp;
  ended_at: NullableTimestamp;
  ended_reason: 'withdrawn' | 'superseded' | null;
  ended_by: string | null;
}

export interface HandoverTable {
  id: Generated<string>;
  case_id: string;
  from_office_id: string;
  to_office_id: string;
  purpose: Purpose;
  from_stage: string;
  note: string | null;
  status: Generated<'pending' | 'accepted' | 'declined'>;
  sent_by: string;
  sent_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decline_reason: string | null;
  /** Migration 0015: the officer of the receiving office named by the sender (required for a restricted case). */
  receiving_officer_id: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
}

export interface ArrivalTable {
  case_id: string;
  arrived_on: string;
  /** Migration 0083: null only for an arrival a legacy file gave (`legacy_source`), with no place or receiver. */
  place: string | null;
  received_by_user_id: string | null;
  received_by_name: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
  /** Migration 0083: the legacy source whose file gave this arrival day (import), null for one confirmed in Homeward. */
  legacy_source: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReceptionServiceTable {
  id: Generated<string>;
  case_id: string;
  service: 'airport_reception' | 'immigration_customs' | 'onward_transport' | 'temporary_accommodation' | 'immediate_assistance' | 'medical_care';
  status: 'planned' | 'provided' | 'not_needed' | 'cancelled';
  cost_minor: ColumnType<number | null, number | null | undefined, number | null>;
  currency: string | null;
  note: string | null;
  recorded_by: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HandoverTables {
  handover_consent: HandoverConsentTable;
  handover: HandoverTable;
  arrival: ArrivalTable;
  reception_service: ReceptionServiceTable;
}
