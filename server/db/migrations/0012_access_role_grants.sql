-- A role that reaches case data (or hands out access) is given to a user only once a second
-- administrator approves: until then the grant waits here. Nobody decides on a grant they asked
-- for or that is for them.
CREATE TABLE role_grant_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role_id       uuid NOT NULL REFERENCES role(id),
  requested_by  uuid NOT NULL REFERENCES app_user(id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by    uuid REFERENCES app_user(id),
  decided_at    timestamptz,
  reason        text,
  CHECK (requested_by <> user_id),
  CHECK (decided_by IS NULL OR (decided_by <> requested_by AND decided_by <> user_id)),
  CHECK ((status = 'pending') = (decided_by IS NULL))
);
-- One open request per user and role.
CREATE UNIQUE INDEX role_grant_request_pending_idx ON role_grant_request (user_id, role_id) WHERE status = 'pending';
CREATE INDEX role_grant_request_role_idx ON role_grant_request (role_id) WHERE status = 'pending';
CREATE INDEX role_grant_request_requested_idx ON role_grant_request (requested_at);

-- Roles that hand out access (the built-in administrator and any role with user.manage or
-- role.manage) require TOTP from now on.
UPDATE role
   SET require_totp = true, version = version + 1, updated_at = now()
 WHERE NOT require_totp
   AND ((builtin AND key = 'administrator') OR permissions && ARRAY['user.manage', 'role.manage']::text[]);
