import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db.js';

/**
 * Tables the access module writes: organisations, offices, users, roles, sign-in lockout and the
 * set-up link (migration 0002), grants waiting for a second administrator (0012). The platform's
 * session reads users and roles to make the Actor; scopes read offices.
 */
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

export interface SetupTokenTable {
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

/** A sign-in begun at the organisation's OpenID provider, until its callback (migration 0052). */
export interface OidcLoginTable {
  state_hash: string;
  code_verifier: string;
  nonce: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface AccessTables {
  organisation: OrganisationTable;
  office: OfficeTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  role_grant_request: RoleGrantRequestTable;
  login_attempt: LoginAttemptTable;
  setup_token: SetupTokenTable;
  oidc_login: OidcLoginTable;
}
