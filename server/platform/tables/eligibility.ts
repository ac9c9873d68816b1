import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz column that may be null: reads as a Date, accepts an ISO string on writes. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of migration 0007: project donors and versioned eligibility rules. */
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

export interface EligibilityTables {
  project_donor: ProjectDonorTable;
  eligibility_rules: EligibilityRulesTable;
}
