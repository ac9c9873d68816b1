-- Counselling: the country-of-origin information (COI) library with its versions and files, the
-- age after which an entry is flagged as stale, and counselling sessions (held, or scheduled as
-- appointments) with the COI versions given in them.

-- One row: after how many months an entry's information counts as stale (coi.manage edits it).
CREATE TABLE coi_setting (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  stale_after_months integer NOT NULL DEFAULT 12 CHECK (stale_after_months BETWEEN 1 AND 120),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO coi_setting (id) VALUES (true);

-- An entry per country and topic; its current text is the latest version (copied here for
-- filtering), older versions stay readable in coi_entry_version.
CREATE TABLE coi_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country_code char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
  topic text NOT NULL CHECK (topic IN ('health', 'education', 'labour_market', 'housing', 'security', 'public_services', 'reintegration_options')),
  title text NOT NULL,
  language text NOT NULL,
  information_date date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX coi_entry_country_topic ON coi_entry (country_code, topic);

CREATE TABLE coi_entry_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id uuid NOT NULL REFERENCES coi_entry(id),
  version integer NOT NULL,
  title text NOT NULL,
  summary text,
  body text NOT NULL,
  language text NOT NULL,
  source text NOT NULL,
  information_date date NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  UNIQUE (entry_id, version)
);

CREATE TABLE coi_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id uuid NOT NULL REFERENCES coi_entry(id),
  -- The version current when the file was added.
  entry_version integer NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  description text,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX coi_attachment_entry ON coi_attachment (entry_id);

CREATE TABLE counselling_session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES return_case(id),
  starts_at timestamptz NOT NULL,
  mode text NOT NULL CHECK (mode IN ('office', 'phone', 'video', 'outreach')),
  counsellor_id uuid NOT NULL REFERENCES app_user(id),
  -- Household members taking part, and anyone else (named).
  participant_person_ids uuid[] NOT NULL DEFAULT '{}',
  other_participants text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  interpreter_name text,
  interpreter_language text,
  topics text[] NOT NULL DEFAULT '{}',
  notes text,
  next_steps text,
  status text NOT NULL CHECK (status IN ('scheduled', 'held', 'cancelled')),
  cancel_reason text,
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX counselling_session_case ON counselling_session (case_id, starts_at);
CREATE INDEX counselling_session_upcoming ON counselling_session (counsellor_id, starts_at) WHERE status = 'scheduled';

-- Which COI versions were given in a session.
CREATE TABLE counselling_session_coi (
  session_id uuid NOT NULL REFERENCES counselling_session(id) ON DELETE CASCADE,
  coi_version_id uuid NOT NULL REFERENCES coi_entry_version(id),
  PRIMARY KEY (session_id, coi_version_id)
);
