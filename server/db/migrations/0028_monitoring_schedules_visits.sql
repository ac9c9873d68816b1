-- Monitoring of reintegration (monitoring module): schedules of visits per case (from the
-- project's settings or the default), visits with their outcome, the use of each component, the
-- survey's raw answers with the instrument version used and the scores computed from them (one row
-- per scoring, so a re-scoring under a newer version keeps the first), follow-up tasks and
-- referrals from fired triggers, re-scoring jobs with their progress, and reminders sent.

-- A project's monitoring schedule: months after the anchor (the arrival, or the last disbursement).
CREATE TABLE monitoring_project_schedule (
  project_id uuid PRIMARY KEY REFERENCES project(id),
  anchor text NOT NULL CHECK (anchor IN ('arrival', 'last_disbursement')),
  offsets_months integer[] NOT NULL CHECK (cardinality(offsets_months) BETWEEN 1 AND 12),
  updated_by uuid NOT NULL REFERENCES app_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- One schedule per case, made when the case enters reintegration or monitoring (or, as a backstop,
-- by the daily job or the first use that needs it).
CREATE TABLE monitoring_schedule (
  case_id uuid PRIMARY KEY REFERENCES return_case(id) ON DELETE CASCADE,
  anchor text NOT NULL CHECK (anchor IN ('arrival', 'last_disbursement')),
  anchor_date date NOT NULL,
  offsets_months integer[] NOT NULL CHECK (cardinality(offsets_months) BETWEEN 1 AND 12),
  source text NOT NULL CHECK (source IN ('project', 'default', 'changed')),
  change_reason text CHECK (change_reason IS NULL OR length(change_reason) BETWEEN 1 AND 2000),
  lost_to_follow_up_at timestamptz,
  closing_summary text CHECK (closing_summary IS NULL OR length(closing_summary) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE monitoring_visit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  -- The slot of the schedule (1 = first offset); a new attempt after "not reached" keeps its slot.
  slot integer NOT NULL CHECK (slot > 0),
  offset_months integer NOT NULL CHECK (offset_months >= 0),
  planned_on date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'recorded', 'cancelled')),
  officer_id uuid REFERENCES app_user(id),
  method text CHECK (method IN ('on_site', 'phone', 'office', 'documents')),
  visited_on date,
  outcome text CHECK (outcome IN ('reached', 'not_reached', 'refused', 'moved', 'remigrated', 'deceased')),
  not_reached_reason text,
  component_use jsonb NOT NULL DEFAULT '[]',
  sensitive_notes text,
  next_steps text,
  instrument_version_id uuid REFERENCES monitoring_instrument_version(id),
  answers jsonb,
  recorded_by uuid REFERENCES app_user(id),
  recorder_office_id uuid REFERENCES office(id),
  recorded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((status = 'recorded') = (outcome IS NOT NULL)),
  CHECK ((outcome = 'not_reached') = (not_reached_reason IS NOT NULL) OR outcome IS NULL),
  CHECK ((answers IS NULL) = (instrument_version_id IS NULL))
);
CREATE INDEX monitoring_visit_case_idx ON monitoring_visit (case_id, planned_on);
CREATE INDEX monitoring_visit_planned_idx ON monitoring_visit (planned_on) WHERE status = 'planned';

-- Scores of a visit's answers, one row per instrument version they were computed under.
CREATE TABLE monitoring_visit_score (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id uuid NOT NULL REFERENCES monitoring_visit(id) ON DELETE CASCADE,
  instrument_version_id uuid NOT NULL REFERENCES monitoring_instrument_version(id),
  result jsonb NOT NULL,
  composite numeric(5, 4),
  computed_by uuid REFERENCES app_user(id),
  computed_at timestamptz NOT NULL DEFAULT now(),
  rescore_job_id uuid,
  UNIQUE (visit_id, instrument_version_id)
);

-- A fired trigger's follow-up task or referral, owned by the officer who recorded the visit.
CREATE TABLE monitoring_follow_up (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  visit_id uuid NOT NULL REFERENCES monitoring_visit(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('follow_up_task', 'referral')),
  trigger_key text NOT NULL,
  label jsonb NOT NULL,
  owner_id uuid NOT NULL REFERENCES app_user(id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (visit_id, trigger_key)
);
CREATE INDEX monitoring_follow_up_owner_idx ON monitoring_follow_up (owner_id) WHERE status = 'open';

-- A re-scoring of a cohort, worked by the monitoring.rescore job; done/total is its progress.
CREATE TABLE monitoring_rescore_job (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  from_version_id uuid NOT NULL REFERENCES monitoring_instrument_version(id),
  to_version_id uuid NOT NULL REFERENCES monitoring_instrument_version(id),
  country text,
  project_id uuid REFERENCES project(id),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  -- Visits whose answers do not fit the newer version: left with their scores, counted here.
  refused integer NOT NULL DEFAULT 0,
  requested_by uuid NOT NULL REFERENCES app_user(id),
  requested_office_id uuid REFERENCES office(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);

-- One reminder per visit and day, however often the reminder job runs.
CREATE TABLE monitoring_reminder (
  visit_id uuid NOT NULL REFERENCES monitoring_visit(id) ON DELETE CASCADE,
  on_date date NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (visit_id, on_date)
);
CREATE INDEX monitoring_reminder_user_idx ON monitoring_reminder (user_id, created_at);
