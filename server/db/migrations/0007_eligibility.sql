-- Projects and their donors, eligibility rules and entitlements as versioned data per project,
-- and the date a household arrived in the host country (a fact some rules depend on).

-- The donors funding a project, with their share in percent (the shares sum to at most 100).
CREATE TABLE project_donor (
  project_id     uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  position       integer NOT NULL,
  name           text NOT NULL,
  share_percent  numeric(5,2) NOT NULL CHECK (share_percent > 0 AND share_percent <= 100),
  PRIMARY KEY (project_id, position)
);

-- A version of a project's rules: criteria and entitlement components, as data. A draft may be
-- edited; once published it never changes (editing makes a new draft). The latest published
-- version applies.
CREATE TABLE eligibility_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id    uuid NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  rules_version integer NOT NULL CHECK (rules_version > 0),
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  criteria      jsonb NOT NULL,
  entitlements  jsonb NOT NULL,
  notes         text,
  created_by    uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  published_by  uuid REFERENCES app_user(id),
  published_at  timestamptz,
  version       integer NOT NULL DEFAULT 1,
  UNIQUE (project_id, rules_version),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
-- At most one draft per project.
CREATE UNIQUE INDEX eligibility_rules_one_draft_idx ON eligibility_rules (project_id) WHERE status = 'draft';

-- A published version is immutable, whatever the code does.
CREATE FUNCTION eligibility_rules_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published eligibility rules version cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER eligibility_rules_immutable BEFORE UPDATE ON eligibility_rules
  FOR EACH ROW EXECUTE FUNCTION eligibility_rules_immutable();

-- The date the household arrived in the host country (dates criteria: arrival, minimum stay).
ALTER TABLE return_case ADD COLUMN host_arrival_date date;

CREATE INDEX eligibility_check_project_idx ON eligibility_check (project_id);
