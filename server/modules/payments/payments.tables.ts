import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/**
 * Tables the payments module writes (migration 0024): tranches of the plan's components and their
 * conditions, disbursements (append-only, with the rates they used) and their decisions, receipts
 * and reversals, places unsafe to revisit, and office approval thresholds.
 */
export interface PaymentTrancheTable {
  id: Generated<string>;
  case_id: string;
  component_key: string;
  position: number;
  amount_minor: number;
  currency: string;
  due_on: string;
  released_by: string | null;
  released_at: NullableTimestamp;
  created_by: string;
  created_at: Timestamp;
}

export interface PaymentTrancheConditionTable {
  id: Generated<string>;
  tranche_id: string;
  position: number;
  kind: string;
  training_id: string | null;
  text: string | null;
  met_by: string | null;
  met_at: NullableTimestamp;
  met_note: string | null;
}

/** A payment of a case's tranche, or (migration 0029) of a community project: exactly one owner is set. */
export interface DisbursementTable {
  id: Generated<string>;
  request_key: string;
  case_id: string | null;
  tranche_id: string | null;
  community_project_id: string | null;
  partner_name: string | null;
  recipient: string;
  provider_id: string | null;
  person_id: string | null;
  method: string;
  amount_minor: number;
  currency: string;
  paid_on: string;
  reference: string | null;
  note: string | null;
  component_currency: string | null;
  component_amount_minor: number | null;
  component_rate: string | null;
  component_rate_source: string | null;
  project_currency: string | null;
  project_amount_minor: number | null;
  project_rate: string | null;
  project_rate_source: string | null;
  budget_line_id: string | null;
  budget_currency: string | null;
  budget_amount_minor: number | null;
  budget_rate: string | null;
  budget_rate_source: string | null;
  threshold_minor: number | null;
  threshold_currency: string | null;
  needs_approval: boolean;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface DisbursementDecisionTable {
  disbursement_id: string;
  decision: 'approved' | 'rejected';
  reason: string | null;
  recorded_by: string;
  decided_by: string;
  decided_at: Timestamp;
}

export interface DisbursementReceiptTable {
  id: Generated<string>;
  disbursement_id: string;
  attachment_id: string | null;
  file_name: string | null;
  content_type: string | null;
  content: Buffer | null;
  sha256: string | null;
  waiver_reason: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface DisbursementReversalTable {
  disbursement_id: string;
  reason: string;
  reversed_by: string;
  reversed_at: Timestamp;
}

export interface CaseUnsafeAreaTable {
  case_id: string;
  reason: string;
  set_by: string;
  set_at: Timestamp;
}

export interface ProjectUnsafeLocationTable {
  id: Generated<string>;
  project_id: string;
  country: string;
  place: string;
  reason: string;
  created_by: string;
  created_at: Timestamp;
}

export interface OfficeDisbursementThresholdTable {
  office_id: string;
  amount_minor: number;
  currency: string;
  set_by: string;
  set_at: Timestamp;
  version: Generated<number>;
}

export interface PaymentsTables {
  payment_tranche: PaymentTrancheTable;
  payment_tranche_condition: PaymentTrancheConditionTable;
  disbursement: DisbursementTable;
  disbursement_decision: DisbursementDecisionTable;
  disbursement_receipt: DisbursementReceiptTable;
  disbursement_reversal: DisbursementReversalTable;
  case_unsafe_area: CaseUnsafeAreaTable;
  project_unsafe_location: ProjectUnsafeLocationTable;
  office_disbursement_threshold: OfficeDisbursementThresholdTable;
}
