import { Kysely, PostgresDialect, type ColumnType, type Generated, type Transaction, type TransactionBuilder } from 'kysely';
import pg from 'pg';
import type { ProtectionTables } from './tables/protection.js';
import type { PredepartureCoreTables } from './tables/predeparture-core.js';
import type { DecisionsTables } from './tables/decisions.js';
import type { HandoverTables } from './tables/handover.js';
import type { CounsellingTables } from './tables/counselling.js';
import type { TravelTables } from './tables/travel.js';
import type { EligibilityTables } from './tables/eligibility.js';
// Each capability keeps the types of its own tables in ./tables/<capability>.ts and adds them to DB.

// DATE columns stay 'YYYY-MM-DD' strings: a birth date has no time zone.
pg.types.setTypeParser(1082, (v) => v);
// TIMESTAMP WITHOUT TIME ZONE is a local time kept beside its zone: 'YYYY-MM-DDTHH:MM:SS'.
pg.types.setTypeParser(1114, (v) => v.replace(' ', 'T'));
// COUNT(*) and other bigints fit comfortably in a double for Homeward's sizes.
pg.types.setTypeParser(20, (v) => Number(v));

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = unknown;

export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<Date>;
  event: string;
  actor_id: string | null;
  office_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  case_id: string | null;
  ip: string | null;
  before: Json | null;
  after: Json | null;
  details: Json | null;
  /** Set by the database (hash chain, migration 0011), whatever is sent. */
  prev_hash: Generated<Buffer>;
  hash: Generated<Buffer>;
}
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  route: string;
  status: number;
  response: Json;
  /** sha256 of method, route, path parameters and canonical body; null on rows stored before it. */
  fingerprint: string | null;
  etag: string | null;
  created_at: Generated<Date>;
}
export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: 'implementing' | 'partner';
  created_at: Generated<Date>;
}
export interface OfficeTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  country_code: string;
  kind: 'host' | 'transit' | 'origin';
  case_prefix: string;
  created_at: Generated<Date>;
}
export interface RoleTable {
  id: Generated<string>;
  key: string;
  name: string;
  permissions: string[];
  scope: 'own' | 'office' | 'organisation' | 'all';
  require_totp: Generated<boolean>;
  builtin: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  preferred_language: Generated<string>;
  organisation_id: string;
  office_id: string | null;
  active: Generated<boolean>;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface UserRoleTable {
  user_id: string;
  role_id: string;
}
/** Migration 0012: a grant of a role that waits for a second administrator. */
export interface RoleGrantRequestTable {
  id: Generated<string>;
  user_id: string;
  role_id: string;
  requested_by: string;
  requested_at: Timestamp;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
}
export interface LoginAttemptTable {
  email: string;
  failures: number;
  locked_until: Date | null;
  updated_at: Timestamp;
}
export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Date;
  revoked_at: Date | null;
}
export interface SetupTokenTable {
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}
export interface PersonTable {
  id: Generated<string>;
  given_name: string;
  family_name: string;
  other_names: string[];
  original_script_name: string | null;
  transliteration: string | null;
  sex: 'female' | 'male' | 'other' | 'unknown';
  birth_date: string | null;
  birth_date_estimated: boolean;
  nationality: string | null;
  languages: string[];
  phone: string | null;
  email: string | null;
  name_folded: string;
  name_skeleton: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}
export interface IdentityDocumentTable {
  id: Generated<string>;
  person_id: string;
  type: string;
  number: string;
  number_norm: string;
  issuing_country: string | null;
  expiry_date: string | null;
  created_at: Generated<Date>;
}
export interface ReturnCaseTable {
  id: Generated<string>;
  case_number: string;
  kind: 'voluntary_return' | 'post_arrival';
  stage: string;
  stage_changed_at: Timestamp;
  legal_status: string;
  country_of_return: string;
  office_id: string;
  origin_office_id: string | null;
  organisation_id: string;
  owner_id: string;
  created_by: string;
  principal_person_id: string;
  restricted: Generated<boolean>;
  admission_date: string | null;
  project_id: string | null;
  host_arrival_date: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface CaseNumberCounterTable {
  office_id: string;
  year: number;
  last: number;
}
export interface CaseMemberTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  relationship: string;
  position: number;
  travelling: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface StageTransitionTable {
  id: Generated<string>;
  case_id: string;
  from_stage: string | null;
  to_stage: string;
  reason: string | null;
  actor_id: string;
  at: Timestamp;
}
export interface CaseNoteTable {
  id: Generated<string>;
  case_id: string;
  author_id: string;
  body: string;
  sensitive: boolean;
  created_at: Timestamp;
}
export interface CaseAttachmentTable {
  id: Generated<string>;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  description: string | null;
  content: Buffer;
  uploaded_by: string;
  created_at: Timestamp;
}
export interface SavedFilterTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  filter: Json;
  created_at: Generated<Date>;
}

export interface DB extends PredepartureCoreTables, ProtectionTables, DecisionsTables, HandoverTables, CounsellingTables, TravelTables, EligibilityTables {
  audit_event: AuditEventTable;
  idempotency_key: IdempotencyKeyTable;
  organisation: OrganisationTable;
  office: OfficeTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  role_grant_request: RoleGrantRequestTable;
  login_attempt: LoginAttemptTable;
  user_session: UserSessionTable;
  setup_token: SetupTokenTable;
  person: PersonTable;
  identity_document: IdentityDocumentTable;
  return_case: ReturnCaseTable;
  case_number_counter: CaseNumberCounterTable;
  case_member: CaseMemberTable;
  stage_transition: StageTransitionTable;
  case_note: CaseNoteTable;
  case_attachment: CaseAttachmentTable;
  saved_filter: SavedFilterTable;
}

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection closed by the server (a restart, shutdown) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`[homeward] database connection lost: ${err.message}`));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A Db that runs everything in the open transaction `tx`, for use cases called inside a
 * transaction they did not open (an idempotent creation claims its key in the same transaction
 * as the record). Kysely does not nest transactions, so `transaction().execute(fn)` here runs
 * `fn(tx)` at once: the use case's work commits or rolls back with the caller's. Its own
 * isolation level or access mode cannot apply inside another transaction, so asking for one
 * throws rather than being silently ignored. Everything else is `tx` itself (methods bound to it,
 * as Kysely keeps its state in private fields).
 */
export function joinTransaction(tx: Tx): Db {
  const refuse = (): never => {
    throw new Error('A joined transaction keeps the isolation level and access mode of the transaction it joins.');
  };
  const joined: Pick<TransactionBuilder<DB>, 'execute' | 'setIsolationLevel' | 'setAccessMode'> = {
    execute: (fn) => fn(tx),
    setIsolationLevel: refuse,
    setAccessMode: refuse,
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') return () => joined;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
