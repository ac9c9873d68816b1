CREATE TABLE person (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  given_name            text NOT NULL,
  family_name           text NOT NULL,
  other_names           text[] NOT NULL DEFAULT '{}',
  original_script_name  text,
  transliteration       text,
  sex                   text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  birth_date            date,
  birth_date_estimated  boolean NOT NULL DEFAULT false,
  nationality           char(2),
  languages             text[] NOT NULL DEFAULT '{}',
  phone                 text,
  email                 text,
  -- Search keys computed by shared/names: folded Latin and a consonant skeleton that makes
  -- spellings and scripts of one name meet (Mohammed / Muhammad / محمد).
  name_folded           text NOT NULL,
  name_skeleton         text NOT NULL,
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
-- Skeleton tokens are matched exactly (all of a query's tokens present): spelling variants already
-- meet in the skeleton, and exact tokens stay selective at millions of people, where trigrams of
-- consonant-only strings do not. Typos beyond the skeleton are caught by the folded trigrams.
CREATE INDEX person_name_tokens_gin ON person USING gin (string_to_array(name_skeleton, ' '));
CREATE INDEX person_name_folded_trgm ON person USING gin (name_folded gin_trgm_ops);
CREATE INDEX person_nationality_birth_idx ON person (nationality, birth_date);

CREATE TABLE identity_document (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id        uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  type             text NOT NULL CHECK (type IN ('passport', 'national_id', 'birth_certificate', 'refugee_id', 'residence_permit', 'other')),
  number           text NOT NULL,
  -- Upper-case, no spaces or dashes: what a search for the number compares.
  number_norm      text NOT NULL,
  issuing_country  char(2),
  expiry_date      date,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX identity_document_person_idx ON identity_document (person_id);
CREATE INDEX identity_document_number_idx ON identity_document (number_norm);

CREATE TABLE return_case (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number         text NOT NULL UNIQUE,
  kind                text NOT NULL CHECK (kind IN ('voluntary_return', 'post_arrival')),
  stage               text NOT NULL,
  stage_changed_at    timestamptz NOT NULL DEFAULT now(),
  legal_status        text NOT NULL CHECK (legal_status IN ('asylum_pending', 'asylum_rejected', 'irregular_stay', 'regular_stay', 'stranded_migrant', 'other')),
  country_of_return   char(2) NOT NULL,
  office_id           uuid NOT NULL REFERENCES office(id),
  origin_office_id    uuid REFERENCES office(id),
  organisation_id     uuid NOT NULL REFERENCES organisation(id),
  owner_id            uuid NOT NULL REFERENCES app_user(id),
  created_by          uuid NOT NULL REFERENCES app_user(id),
  principal_person_id uuid NOT NULL REFERENCES person(id),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX return_case_office_stage_idx ON return_case (office_id, stage, updated_at DESC);
CREATE INDEX return_case_origin_office_idx ON return_case (origin_office_id) WHERE origin_office_id IS NOT NULL;
CREATE INDEX return_case_owner_idx ON return_case (owner_id, updated_at DESC);
CREATE INDEX return_case_org_idx ON return_case (organisation_id);
CREATE INDEX return_case_updated_idx ON return_case (updated_at DESC);
CREATE INDEX return_case_country_idx ON return_case (country_of_return);
CREATE INDEX return_case_principal_idx ON return_case (principal_person_id);

CREATE TABLE case_number_counter (
  office_id  uuid NOT NULL REFERENCES office(id),
  year       integer NOT NULL,
  last       integer NOT NULL,
  PRIMARY KEY (office_id, year)
);

CREATE TABLE case_member (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  person_id     uuid NOT NULL REFERENCES person(id),
  relationship  text NOT NULL CHECK (relationship IN ('principal', 'spouse', 'partner', 'child', 'stepchild', 'parent', 'sibling', 'grandparent', 'grandchild', 'other_relative', 'unrelated')),
  position      integer NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, person_id)
);
CREATE INDEX case_member_person_idx ON case_member (person_id);
CREATE INDEX case_member_case_idx ON case_member (case_id, position);

CREATE TABLE stage_transition (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  from_stage  text,
  to_stage    text NOT NULL,
  reason      text,
  actor_id    uuid NOT NULL REFERENCES app_user(id),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stage_transition_case_idx ON stage_transition (case_id, at);

CREATE TABLE case_note (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id     uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  author_id   uuid NOT NULL REFERENCES app_user(id),
  body        text NOT NULL,
  sensitive   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_note_case_idx ON case_note (case_id, created_at DESC);

-- Attachments live in the database: backed up, access-controlled and audited with the case.
CREATE TABLE case_attachment (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  description   text,
  content       bytea NOT NULL,
  uploaded_by   uuid NOT NULL REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_attachment_case_idx ON case_attachment (case_id, created_at DESC);

CREATE TABLE saved_filter (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  name        text NOT NULL,
  filter      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
