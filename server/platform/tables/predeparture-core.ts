import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz column that may be null: reads as a Date, accepts an ISO string on writes. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = unknown;

/** Tables of migration 0004, read by several capabilities. */
export interface CaseAssignmentTable {
  case_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: Generated<Date>;
}
export interface ProjectTable {
  id: Generated<string>;
  organisation_id: string;
  code: string;
  name: string;
  host_countries: string[];
  return_countries: string[];
  starts_on: string;
  ends_on: string;
  budget_minor: ColumnType<number | null, number | bigint | null | undefined, number | bigint | null>;
  currency: string;
  status: Generated<'draft' | 'active' | 'closed'>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
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
export interface VulnerabilityTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  category: string;
  details: string | null;
  status: Generated<'active' | 'resolved'>;
  identified_on: string;
  identified_by: string;
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
export interface EligibilityCheckTable {
  id: Generated<string>;
  case_id: string;
  project_id: string;
  rules_version: number;
  outcome: 'eligible' | 'ineligible';
  criteria: Json;
  entitlement: Json;
  /** The entitlement's currency and household total, typed for reports (migration 0017). */
  currency: string;
  household_total_minor: ColumnType<number, number | bigint, number | bigint>;
  facts: Json;
  facts_hash: string;
  checked_by: string;
  checked_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: NullableTimestamp;
  final_outcome: 'eligible' | 'ineligible' | null;
  override_reason: string | null;
  outdated_at: NullableTimestamp;
}
/** One amount of a check's entitlement: a component for a member, after the household cap. */
export interface EligibilityCheckAmountTable {
  check_id: string;
  component: string;
  person_id: string;
  amount_minor: ColumnType<number, number | bigint, number | bigint>;
  currency: string;
}
export interface TravelBookingTable {
  id: Generated<string>;
  case_id: string;
  status: Generated<'requested' | 'booked' | 'ticketed' | 'cancelled' | 'no_show' | 'rebooked'>;
  booking_reference: string | null;
  travel_date: string;
  replaces_booking_id: string | null;
  notes: string | null;
  cancellation_flagged_at: NullableTimestamp;
  created_by: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TravelBookingMemberTable {
  booking_id: string;
  person_id: string;
}
/** Local times are 'YYYY-MM-DDTHH:MM:SS' strings, with their IANA time zone beside them. */
export interface TravelLegTable {
  id: Generated<string>;
  booking_id: string;
  position: number;
  carrier: string;
  flight_or_route: string;
  from_code: string;
  from_kind: 'airport' | 'border_crossing';
  to_code: string;
  to_kind: 'airport' | 'border_crossing';
  departs_local: string;
  departs_time_zone: string;
  arrives_local: string;
  arrives_time_zone: string;
}

export interface PredepartureCoreTables {
  case_assignment: CaseAssignmentTable;
  project: ProjectTable;
  informed_decision: InformedDecisionTable;
  withdrawal: WithdrawalTable;
  vulnerability: VulnerabilityTable;
  special_measure: SpecialMeasureTable;
  eligibility_check: EligibilityCheckTable;
  eligibility_check_amount: EligibilityCheckAmountTable;
  travel_booking: TravelBookingTable;
  travel_booking_member: TravelBookingMemberTable;
  travel_leg: TravelLegTable;
}
