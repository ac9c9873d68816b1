-- Legacy caseload import: files uploaded by an office, saved column mappings, import runs (dry
-- runs and imports) with their progress, and the staged rows that are also each run's report.
-- Imported persons and cases keep their source and legacy id; a unique index on the pair makes a
-- second import of the same file (even at the same time) update or leave them, never double them.

ALTER TABLE person ADD COLUMN legacy_source text, ADD COLUMN legacy_id text;
CREATE UNIQUE INDEX person_legacy_uq ON person (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL;
ALTER TABLE return_case ADD COLUMN legacy_source text, ADD COLUMN legacy_id text;
-- An imported person who looks like one already in Homeward (same folded name and date of birth) is
-- listed for review: looked up by equality, which the trigram indexes do slowly.
CREATE INDEX person_name_birth_idx ON person (name_folded, birth_date);
CREATE UNIQUE INDEX return_case_legacy_uq ON return_case (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL;

CREATE TABLE import_file (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_id    uuid NOT NULL REFERENCES office(id),
  uploaded_by  uuid NOT NULL REFERENCES app_user(id),
  file_name    text NOT NULL,
  sha256       text NOT NULL,
  size_bytes   bigint NOT NULL,
  stored_name  text NOT NULL,
  encoding     text NOT NULL CHECK (encoding IN ('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252')),
  delimiter    text NOT NULL CHECK (delimiter IN (',', ';', E'\t', '|')),
  headers      text[] NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX import_file_office_idx ON import_file (office_id, created_at DESC);

CREATE TABLE import_mapping (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_id   uuid NOT NULL REFERENCES office(id),
  name        text NOT NULL,
  mapping     jsonb NOT NULL,
  saved_by    uuid NOT NULL REFERENCES app_user(id),
  updated_at  timestamptz NOT NULL,
  UNIQUE (office_id, name)
);

CREATE TABLE import_run (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_id          uuid NOT NULL REFERENCES import_file(id),
  office_id        uuid NOT NULL REFERENCES office(id),
  mode             text NOT NULL CHECK (mode IN ('dry_run', 'import')),
  status           text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  source           text NOT NULL,
  mapping          jsonb NOT NULL,
  batches          integer NOT NULL,
  batches_done     integer NOT NULL DEFAULT 0,
  staged           boolean NOT NULL DEFAULT false,
  classified       boolean NOT NULL DEFAULT false,
  rows_total       integer NOT NULL DEFAULT 0,
  rows_done        integer NOT NULL DEFAULT 0,
  created_count    integer NOT NULL DEFAULT 0,
  updated_count    integer NOT NULL DEFAULT 0,
  unchanged_count  integer NOT NULL DEFAULT 0,
  rejected_count   integer NOT NULL DEFAULT 0,
  duplicate_count  integer NOT NULL DEFAULT 0,
  cancel_requested boolean NOT NULL DEFAULT false,
  error_code       text,
  started_by       uuid NOT NULL REFERENCES app_user(id),
  created_at       timestamptz NOT NULL,
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX import_run_office_idx ON import_run (office_id, created_at DESC);

-- The staged rows: one per data row of the file, validated and normalised, with the outcome the
-- run gives it (the report). Unlogged for speed: a run whose rows a crash of PostgreSQL emptied
-- stages its file again (it is kept on disk).
CREATE UNLOGGED TABLE import_row (
  run_id               uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
  line                 integer NOT NULL,
  batch                integer NOT NULL,
  household_key        text,
  legacy_id            text,
  relationship         text,
  given_name           text,
  family_name          text,
  original_script_name text,
  name_folded          text,
  name_skeleton        text,
  sex                  text,
  birth_date           date,
  birth_date_estimated boolean,
  nationality          text,
  legal_status         text,
  country_of_return    text,
  kind                 text,
  stage                text,
  registered_on        date,
  departed_on          date,
  arrived_on           date,
  closed_on            date,
  outcome              text NOT NULL CHECK (outcome IN ('pending', 'created', 'updated', 'unchanged', 'rejected')),
  reason               text,
  reason_column        text,
  duplicate_of         uuid,
  PRIMARY KEY (run_id, line)
);
CREATE INDEX import_row_batch_idx ON import_row (run_id, batch);

-- Office managers import their office's legacy caseload (they hold every case right of the office).
UPDATE role
   SET permissions = array_append(permissions, 'import.run'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'office_manager' AND NOT ('import.run' = ANY (permissions));
