-- A finished import keeps its report and nothing else of the file: the report rows (per row of the
-- file: its outcome, reason, column, possible duplicate) move to a logged table when the run ends
-- (done, cancelled, failed), and its staged rows, which hold the persons' data, are deleted; the
-- uploaded file is removed from disk once an import of it has ended (a dry run keeps it for the
-- import that follows) and `removed_at` says so.
CREATE TABLE import_report_row (
  run_id        uuid NOT NULL REFERENCES import_run(id) ON DELETE CASCADE,
  line          integer NOT NULL,
  household_key text,
  legacy_id     text,
  outcome       text NOT NULL CHECK (outcome IN ('pending', 'created', 'updated', 'unchanged', 'rejected')),
  reason        text,
  reason_column text,
  duplicate_of  uuid,
  PRIMARY KEY (run_id, line)
);

ALTER TABLE import_file ADD COLUMN removed_at timestamptz;

-- The staged rows are written by COPY a million at a time: a foreign key checked per row costs more
-- than the whole validation. Runs are never deleted; the job deletes a run's staged rows when it ends.
ALTER TABLE import_row DROP CONSTRAINT import_row_run_id_fkey;
