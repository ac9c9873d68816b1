import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Tables the decisions module writes: informed decisions and withdrawals (migration 0004), applications (0006). */
export interface InformedDecisionTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  version: number;
  decided_on: string;
  decided_by: 'self' | 'guardian' | 'representative';
  representative_name: string | null;
  language: string;
  information_understood: boolean;
  no_pressure: boolean;
  declaration_attachment_id: string | null;
  counsellor_id: string;
  recorded_by: string;
  recorded_at: Timestamp;
  ended_at: NullableTimestamp;
  ended_reason: 'withdrawn' | 'superseded' | null;
}

export interface WithdrawalTable {
  id: Generated<string>;
  case_id: string;
  from_stage: string;
  reason: string | null;
  recorded_by: string;
  at: Timestamp;
}

export interface ApplicationTable {
  id: Generated<string>;
  case_id: string;
  submitted_by: string;
  submitted_at: Timestamp;
  /** 'withdrawn': the case was withdrawn while the application awaited a decision. */
  outcome: 'approved' | 'rejected' | 'withdrawn' | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  reason: string | null;
}

export interface DecisionsTables {
  informed_decision: InformedDecisionTable;
  withdrawal: WithdrawalTable;
  application: ApplicationTable;
}
