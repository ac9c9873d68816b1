-- A returnee's right of access: a data-protection officer asks for everything Homeward holds about
-- a person (`person.access_request`); a background job gathers it and keeps the bundle in three
-- formats (JSON, CSV sections, PDF in the requester's chosen language) until `expires_at`, when the
-- hourly purge removes the files (the row stays: who asked, for whom, when and why).
CREATE TABLE access_request (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  requested_by    uuid NOT NULL REFERENCES app_user(id),
  organisation_id uuid REFERENCES organisation(id),
  language        text NOT NULL CHECK (language IN ('en', 'fr', 'es', 'ar')),
  reference       text NOT NULL CHECK (char_length(btrim(reference)) >= 10),
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  sections_done   integer NOT NULL DEFAULT 0,
  sections_total  integer NOT NULL,
  error_code      text,
  bundle_json     bytea,
  bundle_csv      bytea,
  bundle_pdf      bytea,
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX access_request_person_idx ON access_request (person_id, created_at DESC);
CREATE INDEX access_request_expiry_idx ON access_request (expires_at) WHERE bundle_json IS NOT NULL;

-- The built-in data-protection officer answers access requests (roles administrators created are
-- left as they made them).
UPDATE role
   SET permissions = array_append(permissions, 'person.access_request'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'data_protection_officer' AND NOT ('person.access_request' = ANY (permissions));
