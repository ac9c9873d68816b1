-- Retention rules of a data-protection officer's organisation (docs/data-protection.md,
-- "Retention"): persons of cases ended N years ago are anonymised, or the files of cases ended M
-- years ago are emptied, by a daily job, once a second officer approved the rule.

CREATE TABLE retention_rule (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  name             text NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
  -- The cases the rule applies to: the whole organisation's, one project's or one office's.
  scope            text NOT NULL CHECK (scope IN ('organisation', 'project', 'office')),
  project_id       uuid REFERENCES project(id),
  office_id        uuid REFERENCES office(id),
  action           text NOT NULL CHECK (action IN ('anonymise_closed_cases', 'delete_attachments')),
  years            integer NOT NULL CHECK (years BETWEEN 1 AND 100),
  status           text NOT NULL DEFAULT 'pending_approval' CHECK (status IN ('pending_approval', 'approved')),
  enabled          boolean NOT NULL DEFAULT true,
  created_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL,
  approved_by      uuid REFERENCES app_user(id),
  approved_at      timestamptz,
  updated_at       timestamptz NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  CHECK ((scope = 'project') = (project_id IS NOT NULL) AND (scope = 'office') = (office_id IS NOT NULL)),
  CHECK ((status = 'approved') = (approved_by IS NOT NULL) AND (approved_by IS NULL) = (approved_at IS NULL)),
  -- Four eyes: the author never approves their own rule.
  CHECK (approved_by IS NULL OR approved_by <> created_by)
);
CREATE INDEX retention_rule_organisation_idx ON retention_rule (organisation_id, created_at DESC);

-- One run of a rule: a dry run (asked by an officer, changes nothing) or a real run (the daily
-- job). The report names ids and case numbers, never names.
CREATE TABLE retention_run (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id        uuid NOT NULL REFERENCES retention_rule(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('dry', 'real')),
  status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  requested_by   uuid REFERENCES app_user(id),
  items_total    integer,
  items_done     integer NOT NULL DEFAULT 0,
  reached_count  integer NOT NULL DEFAULT 0,
  skipped_count  integer NOT NULL DEFAULT 0,
  bytes          bigint NOT NULL DEFAULT 0,
  report         jsonb,
  error_code     text,
  created_at     timestamptz NOT NULL,
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX retention_run_rule_idx ON retention_run (rule_id, created_at DESC);

-- The built-in data-protection officer manages them (shared/access.ts); roles administrators made
-- are left as they made them.
UPDATE role
   SET permissions = permissions || ARRAY['retention.manage']::text[],
       version = version + 1, updated_at = now()
 WHERE builtin AND key = 'data_protection_officer' AND NOT ('retention.manage' = ANY (permissions));
