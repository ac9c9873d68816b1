import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/** A community project of an office (migration 0026). */
export interface CommunityProjectTable {
  id: Generated<string>;
  office_id: string;
  title: string;
  country_code: string;
  place: string;
  project_id: string | null;
  budget_minor: number;
  currency: string;
  starts_on: string;
  ends_on: string;
  status: Generated<'planned' | 'active' | 'completed' | 'cancelled'>;
  status_reason: string | null;
  status_changed_by: string | null;
  status_changed_at: NullableTimestamp;
  returnees_female: Generated<number>;
  returnees_male: Generated<number>;
  returnees_other: Generated<number>;
  community_female: Generated<number>;
  community_male: Generated<number>;
  community_other: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CommunityProjectPartnerTable {
  community_project_id: string;
  position: number;
  provider_id: string | null;
  name: string | null;
}

export interface CommunityProjectReturneeTable {
  community_project_id: string;
  case_id: string;
  linked_by: string;
  linked_at: Timestamp;
}

export interface GroupTrainingTable {
  id: Generated<string>;
  office_id: string;
  title: string;
  kind: string;
  provider_id: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface GroupTrainingSessionTable {
  id: Generated<string>;
  training_id: string;
  held_on: string;
  starts_at: string;
  duration_minutes: number;
  place: string;
}

export interface GroupTrainingParticipantTable {
  training_id: string;
  person_id: string;
  case_id: string;
  enrolled_by: string;
  enrolled_at: Timestamp;
  completion: 'completed' | 'not_completed' | null;
  completion_set_by: string | null;
  completion_set_at: NullableTimestamp;
}

export interface GroupTrainingAttendanceTable {
  session_id: string;
  person_id: string;
  present: boolean;
  recorded_by: string;
  recorded_at: ColumnType<Date, Date | string, Date | string>;
}

export interface CommunityTables {
  community_project: CommunityProjectTable;
  community_project_partner: CommunityProjectPartnerTable;
  community_project_returnee: CommunityProjectReturneeTable;
  group_training: GroupTrainingTable;
  group_training_session: GroupTrainingSessionTable;
  group_training_participant: GroupTrainingParticipantTable;
  group_training_attendance: GroupTrainingAttendanceTable;
}
