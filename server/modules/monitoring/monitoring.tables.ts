import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** Tables the monitoring module writes (migration 0027): survey instruments and their versions. */
export interface MonitoringInstrumentTable {
  id: Generated<string>;
  key: string;
  name: string;
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface MonitoringInstrumentVersionTable {
  id: Generated<string>;
  instrument_id: string;
  number: number;
  status: Generated<'draft' | 'published'>;
  /** Checked by `definitionSchema` (shared/schemas/monitoring.ts) before it is stored. */
  definition: unknown;
  provisional_weights: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  published_by: string | null;
  published_at: NullableTimestamp;
  version: Generated<number>;
}

export interface MonitoringTables {
  monitoring_instrument: MonitoringInstrumentTable;
  monitoring_instrument_version: MonitoringInstrumentVersionTable;
}
