import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Tables of migration 0006: applications and their approval by a second person. */
export interface ApplicationTable {
  id: Generated<string>;
  case_id: string;
  submitted_by: string;
  submitted_at: Timestamp;
  /** 'withdrawn': the case was withdrawn while the application awaited a decision. */
  outcome: 'approved' | 'rejected' | 'withdrawn' | null;
  decided_by: string | null;
  decided_at: Date | string | null;
  reason: string | null;
}

export interface DecisionsTables {
  application: ApplicationTable;
}
