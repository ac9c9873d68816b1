import type { Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** The registry of service providers (migration 0021), one row per provider of an office. */
export interface ServiceProviderTable {
  id: Generated<string>;
  office_id: string;
  name: string;
  kind: string;
  country_code: string;
  place: string;
  contact_person: string | null;
  phone: string | null;
  email: string | null;
  services: Generated<string[]>;
  services_note: string | null;
  payment_method: 'bank' | 'mobile_money' | null;
  /** FieldCipher over the JSON of the details; never sent but through the audited reveal. */
  payment_encrypted: string | null;
  payment_last: string | null;
  status: Generated<'vetted' | 'suspended'>;
  status_reason: string | null;
  status_changed_by: string | null;
  status_changed_at: NullableTimestamp;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ProvidersTables {
  service_provider: ServiceProviderTable;
}
