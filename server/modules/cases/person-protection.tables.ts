/**
 * Tables of the data-protection officer's decisions about a person (migration 0061), written by
 * the cases module: legal holds and restrictions of processing. Each row is one hold or
 * restriction, lifted or in force (one in force per person).
 */
import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

export interface PersonDecisionTable {
  id: Generated<string>;
  person_id: string;
  reason: string;
  placed_by: string;
  placed_at: Timestamp;
  lift_reason: string | null;
  lifted_by: string | null;
  lifted_at: NullableTimestamp;
}

export interface PersonProtectionTables {
  person_legal_hold: PersonDecisionTable;
  person_processing_restriction: PersonDecisionTable;
}
