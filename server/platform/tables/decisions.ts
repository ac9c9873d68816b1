import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamptz column that may be null: reads as a Date, accepts an ISO string on writes. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Tables of migration 0006: applications and their approval by a second person. */
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
  application: ApplicationTable;
}
