import type { ColumnType, Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from '../../platform/db.js';

/**
 * Tables the eligibility module writes: projects and checks (migration 0004), donors and versioned
 * rules (0007), a check's amounts (0017).
 */
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

export interface ProjectDonorTable {
  project_id: string;
  position: number;
  name: string;
  share_percent: ColumnType<string, number | string, number | string>;
}

export interface EligibilityRulesTable {
  id: Generated<string>;
  project_id: string;
  rules_version: number;
  status: Generated<'draft' | 'published'>;
  criteria: unknown;
  entitlements: unknown;
  notes: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
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

export interface EligibilityTables {
  project: ProjectTable;
  project_donor: ProjectDonorTable;
  eligibility_rules: EligibilityRulesTable;
  eligibility_check: EligibilityCheckTable;
  eligibility_check_amount: EligibilityCheckAmountTable;
}
