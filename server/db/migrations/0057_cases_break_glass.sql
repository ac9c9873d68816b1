-- Break-glass: a supervisor (holder of `case.break_glass`) opens a case outside their scope for a
-- limited time by stating a reason. The grant is read-only: `caseScope` lets the holder read the
-- case while `expires_at` is ahead; writes keep their own scope. A data-protection officer of the
-- organisation reviews each grant (`reviewed_at`, `reviewed_by`).
CREATE TABLE case_break_glass (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  reason       text NOT NULL CHECK (char_length(btrim(reason)) >= 20),
  granted_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  reviewed_at  timestamptz,
  reviewed_by  uuid REFERENCES app_user(id),
  CHECK (expires_at > granted_at),
  CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL))
);
-- The scope condition looks a grant up by actor and case.
CREATE INDEX case_break_glass_user_case_idx ON case_break_glass (user_id, case_id, expires_at);
CREATE INDEX case_break_glass_case_idx ON case_break_glass (case_id);
-- The data-protection officers' queue: grants of their organisation not yet reviewed.
CREATE INDEX case_break_glass_unreviewed_idx ON case_break_glass (organisation_id, granted_at) WHERE reviewed_at IS NULL;

-- Office managers (the supervisors of the built-in roles) may break the glass; roles administrators
-- created are left as they made them.
UPDATE role
   SET permissions = array_append(permissions, 'case.break_glass'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'office_manager' AND NOT ('case.break_glass' = ANY (permissions));

-- The built-in data-protection officer (shared/access.ts): reads who accessed a person in their
-- organisation and reviews break-glass accesses; opens no case; two-step sign-in. Installations
-- set up before get it here (a fresh one gets it from `ensureBuiltinRoles` as well).
INSERT INTO role (key, name, scope, permissions, require_totp, builtin)
VALUES ('data_protection_officer', 'Data-protection officer', 'organisation', ARRAY['person.access_log.read'], true, true)
ON CONFLICT (key) DO NOTHING;
