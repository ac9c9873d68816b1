import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db.js';

/** Tables the counselling module writes (migration 0005): sessions and the country-of-origin information library. */
export interface CoiSettingTable {
  id: Generated<boolean>;
  stale_after_months: number;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface CoiEntryTable {
  id: Generated<string>;
  country_code: string;
  topic: string;
  title: string;
  language: string;
  information_date: string;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoiEntryVersionTable {
  id: Generated<string>;
  entry_id: string;
  version: number;
  title: string;
  summary: string | null;
  body: string;
  language: string;
  source: string;
  information_date: string;
  created_by: string;
  created_at: Timestamp;
}

export interface CoiAttachmentTable {
  id: Generated<string>;
  entry_id: string;
  entry_version: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  description: string | null;
  content: Buffer;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface CounsellingSessionTable {
  id: Generated<string>;
  case_id: string;
  starts_at: Timestamp;
  mode: string;
  counsellor_id: string;
  participant_person_ids: string[];
  other_participants: string[];
  languages: string[];
  interpreter_name: string | null;
  interpreter_language: string | null;
  topics: string[];
  notes: string | null;
  next_steps: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  cancel_reason: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CounsellingSessionCoiTable {
  session_id: string;
  coi_version_id: string;
}

export interface CounsellingTables {
  coi_setting: CoiSettingTable;
  coi_entry: CoiEntryTable;
  coi_entry_version: CoiEntryVersionTable;
  coi_attachment: CoiAttachmentTable;
  counselling_session: CounsellingSessionTable;
  counselling_session_coi: CounsellingSessionCoiTable;
}
