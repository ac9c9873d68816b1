import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Tables the reintegration module writes (migration 0020): the plan's versions and their components. */
export interface ReintegrationPlanVersionTable {
  id: Generated<string>;
  case_id: string;
  number: number;
  status: 'draft' | 'approved' | 'superseded';
  drafted_by: string;
  drafted_at: Timestamp;
  agreed_on: string | null;
  agreement_attachment_id: string | null;
  agreement_language: string | null;
  agreement_recorded_by: string | null;
  agreement_recorded_at: NullableTimestamp;
  approved_by: string | null;
  approved_at: NullableTimestamp;
  superseded_at: NullableTimestamp;
  /** An approval past the confirmed entitlement (or without one): the reason and who gave it (migration 0025). */
  entitlement_override_reason: Generated<string | null>;
  entitlement_overridden_by: Generated<string | null>;
  /** The entitlement check as it stood at approval (migration 0025). */
  entitlement_check: Generated<unknown | null>;
  /** The source of a plan version an import made (migration 0040): approved as the old system had it. */
  legacy_source: Generated<string | null>;
}

export interface ReintegrationComponentTable {
  id: Generated<string>;
  version_id: string;
  case_id: string;
  component_key: string;
  position: number;
  type: string;
  description: string;
  member_ids: string[];
  amount_minor: number;
  currency: string;
  starts_on: string;
  ends_on: string;
  status: 'planned' | 'in_progress' | 'delivered' | 'cancelled';
  cancel_reason: string | null;
  business_plan_attachment_id: string | null;
  expected_monthly_income_minor: number | null;
  expected_monthly_income_currency: string | null;
  employer: string | null;
  /** The service provider who delivers it (migration 0023). */
  provider_id: Generated<string | null>;
  /** The project budget line its money comes from (migration 0023). */
  budget_line_id: Generated<string | null>;
  /** An imported component's provenance (migration 0040), copied with it into later versions. */
  legacy_source: Generated<string | null>;
  legacy_id: Generated<string | null>;
}

type Bigint = ColumnType<number, number | bigint, number | bigint>;

/** What an approval committed or released on a budget line for a component, with the rate used (migration 0025). */
export interface ReintegrationCommitmentTable {
  id: Generated<string>;
  case_id: string;
  version_id: string;
  component_key: string;
  budget_line_id: string;
  budget_entry_id: string;
  kind: 'commitment' | 'release';
  amount_minor: Bigint;
  currency: string;
  component_amount_minor: Bigint;
  component_currency: string;
  /** numeric: an exact decimal string; null for a release (in the line's currency already). */
  rate: string | null;
  rate_day: string;
  recorded_at: Generated<Date>;
}

export interface ReintegrationTables {
  reintegration_commitment: ReintegrationCommitmentTable;
  reintegration_plan_version: ReintegrationPlanVersionTable;
  reintegration_component: ReintegrationComponentTable;
}
