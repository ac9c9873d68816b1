import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Tables of migration 0008 (protection). */
export interface HealthRecordTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  conditions: string | null;
  medication: string | null;
  travel_needs: string | null;
  fit_to_travel: Generated<'fit' | 'fit_with_escort' | 'unfit' | 'pending'>;
  certificate_attachment_id: string | null;
  certified_by: string | null;
  certified_on: string | null;
  valid_until: string | null;
  recorded_by: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ProtectionTables {
  health_record: HealthRecordTable;
}
