-- Community projects and group trainings run by origin offices for returnees and their
-- communities. Written by the community module only.
CREATE TABLE community_project (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_id            uuid NOT NULL REFERENCES office(id),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  country_code         text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
  place                text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  -- The AVRR project it belongs to, when it belongs to one.
  project_id           uuid REFERENCES project(id),
  budget_minor         bigint NOT NULL CHECK (budget_minor >= 0),
  currency             text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  starts_on            date NOT NULL,
  ends_on              date NOT NULL,
  status               text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
  status_reason        text,
  status_changed_by    uuid REFERENCES app_user(id),
  status_changed_at    timestamptz,
  -- Beneficiaries by group and sex: returnees and community members; female, male, other or unknown.
  returnees_female     integer NOT NULL DEFAULT 0 CHECK (returnees_female >= 0),
  returnees_male       integer NOT NULL DEFAULT 0 CHECK (returnees_male >= 0),
  returnees_other      integer NOT NULL DEFAULT 0 CHECK (returnees_other >= 0),
  community_female     integer NOT NULL DEFAULT 0 CHECK (community_female >= 0),
  community_male       integer NOT NULL DEFAULT 0 CHECK (community_male >= 0),
  community_other      integer NOT NULL DEFAULT 0 CHECK (community_other >= 0),
  created_by           uuid NOT NULL REFERENCES app_user(id),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  version              integer NOT NULL DEFAULT 1,
  CHECK (ends_on >= starts_on),
  CHECK (status <> 'cancelled' OR status_reason IS NOT NULL)
);
CREATE INDEX community_project_office_idx ON community_project (office_id, status);

-- Partners: a provider of the registry, or a name the registry does not hold.
CREATE TABLE community_project_partner (
  community_project_id uuid NOT NULL REFERENCES community_project(id) ON DELETE CASCADE,
  position             integer NOT NULL,
  provider_id          uuid REFERENCES service_provider(id),
  name                 text CHECK (length(name) BETWEEN 1 AND 200),
  PRIMARY KEY (community_project_id, position),
  CHECK ((provider_id IS NULL) <> (name IS NULL))
);

-- Returnees (their cases) taking part in a community project.
CREATE TABLE community_project_returnee (
  community_project_id uuid NOT NULL REFERENCES community_project(id),
  case_id              uuid NOT NULL REFERENCES return_case(id),
  linked_by            uuid NOT NULL REFERENCES app_user(id),
  linked_at            timestamptz NOT NULL,
  PRIMARY KEY (community_project_id, case_id)
);
CREATE INDEX community_project_returnee_case_idx ON community_project_returnee (case_id);

CREATE TABLE group_training (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_id            uuid NOT NULL REFERENCES office(id),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  kind                 text NOT NULL CHECK (kind IN ('business_basic', 'business_advanced', 'vocational', 'life_skills', 'other')),
  provider_id          uuid NOT NULL REFERENCES service_provider(id),
  created_by           uuid NOT NULL REFERENCES app_user(id),
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  version              integer NOT NULL DEFAULT 1
);
CREATE INDEX group_training_office_idx ON group_training (office_id);

CREATE TABLE group_training_session (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  training_id          uuid NOT NULL REFERENCES group_training(id),
  held_on              date NOT NULL,
  -- Local wall-clock time at the place, HH:MM.
  starts_at            text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  duration_minutes     integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  place                text NOT NULL CHECK (length(place) BETWEEN 1 AND 200)
);
CREATE INDEX group_training_session_training_idx ON group_training_session (training_id, held_on);

-- A person of a case enrolled in a training, and whether they completed it (set by staff).
CREATE TABLE group_training_participant (
  training_id          uuid NOT NULL REFERENCES group_training(id),
  person_id            uuid NOT NULL REFERENCES person(id),
  case_id              uuid NOT NULL REFERENCES return_case(id),
  enrolled_by          uuid NOT NULL REFERENCES app_user(id),
  enrolled_at          timestamptz NOT NULL,
  completion           text CHECK (completion IN ('completed', 'not_completed')),
  completion_set_by    uuid REFERENCES app_user(id),
  completion_set_at    timestamptz,
  PRIMARY KEY (training_id, person_id)
);
CREATE INDEX group_training_participant_case_idx ON group_training_participant (case_id);

CREATE TABLE group_training_attendance (
  session_id           uuid NOT NULL REFERENCES group_training_session(id),
  person_id            uuid NOT NULL REFERENCES person(id),
  present              boolean NOT NULL,
  recorded_by          uuid NOT NULL REFERENCES app_user(id),
  recorded_at          timestamptz NOT NULL,
  PRIMARY KEY (session_id, person_id)
);

-- The built-in reintegration officer and office manager manage community projects and group
-- trainings, as new installations give it (shared/access.ts). Roles administrators made are left
-- as they are.
UPDATE role
   SET permissions = array_append(permissions, 'community.manage'), version = version + 1, updated_at = now()
 WHERE builtin AND key IN ('reintegration_officer', 'office_manager') AND NOT ('community.manage' = ANY (permissions));
