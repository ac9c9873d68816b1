CREATE TABLE organisation (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  kind        text NOT NULL CHECK (kind IN ('implementing', 'partner')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE office (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  name             text NOT NULL,
  country_code     char(2) NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('host', 'transit', 'origin')),
  -- Prefix of the office's readable case numbers, e.g. BE in BE-2026-000123.
  case_prefix      text NOT NULL UNIQUE CHECK (case_prefix ~ '^[A-Z]{2}(-[A-Z0-9]{1,8})?$'),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, name)
);

CREATE TABLE role (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key           text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,40}$'),
  name          text NOT NULL,
  permissions   text[] NOT NULL DEFAULT '{}',
  scope         text NOT NULL CHECK (scope IN ('own', 'office', 'organisation', 'all')),
  require_totp  boolean NOT NULL DEFAULT false,
  builtin       boolean NOT NULL DEFAULT false,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email               citext NOT NULL UNIQUE,
  name                text NOT NULL,
  preferred_language  text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'fr', 'es', 'ar')),
  organisation_id     uuid NOT NULL REFERENCES organisation(id),
  office_id           uuid REFERENCES office(id),
  active              boolean NOT NULL DEFAULT true,
  password_hash       text,
  totp_secret         text,       -- encrypted with the field key
  totp_enabled        boolean NOT NULL DEFAULT false,
  totp_last_step      bigint,     -- refuses a replayed code
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_office_idx ON app_user (office_id);

CREATE TABLE user_role (
  user_id  uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role_id  uuid NOT NULL REFERENCES role(id),
  PRIMARY KEY (user_id, role_id)
);

-- Failed sign-ins are counted per email, known or not, so that an unknown email and a wrong
-- password behave identically, including lockout.
CREATE TABLE login_attempt (
  email         citext PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_session (
  token_hash     text PRIMARY KEY,
  user_id        uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  csrf_token     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE revoked_at IS NULL;

-- One-time link that creates the first administrator when there is no demo data.
CREATE TABLE setup_token (
  token_hash  text PRIMARY KEY,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
