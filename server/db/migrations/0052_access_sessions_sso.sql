-- Sessions a user can recognise and end: where and with what each was opened, and how.
-- The user agent and the address are personal data: they are shown to the user (and to an
-- administrator who manages them) only, and leave with the session row a week after it ended
-- (platform.purge-expired).
ALTER TABLE user_session
  ADD COLUMN id          uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN user_agent  text,
  ADD COLUMN ip_address  text,
  -- 'password' or 'oidc'; sessions opened before this migration are 'password'.
  ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'oidc')),
  -- The authentication methods the OpenID provider reported (`amr`), when it did.
  ADD COLUMN amr         text[];
CREATE UNIQUE INDEX user_session_id_idx ON user_session (id);

-- Single sign-on: one row per sign-in begun at the organisation's OpenID provider and not yet
-- returned. The state is kept hashed; the PKCE verifier and the nonce never leave the server.
-- A row is used once (deleted by the callback) and is worthless after `expires_at`.
CREATE TABLE oidc_login (
  state_hash     text PRIMARY KEY,
  code_verifier  text NOT NULL,
  nonce          text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL
);
CREATE INDEX oidc_login_expires_idx ON oidc_login (expires_at);
