-- A person file whose cases are in a file of their own (one row per case): the run names the second
-- uploaded file and its mapping. The cases file is staged first, into its own unlogged table, and
-- each case's fields are then copied onto its persons' staged rows (by the case's legacy id, the
-- person file's household key); from there the run is the person file's run.
ALTER TABLE import_run
  ADD COLUMN cases_file_id uuid REFERENCES import_file(id),
  ADD COLUMN cases_mapping jsonb,
  ADD CONSTRAINT import_run_cases_file_check CHECK ((cases_file_id IS NULL) = (cases_mapping IS NULL) AND (cases_file_id IS NULL OR entity = 'households'));

-- The staged rows of a cases file: one per data row, validated as the person file's case fields,
-- with its outcome (a rejected row's reason and column go to the report). Deleted when the run ends.
CREATE UNLOGGED TABLE import_case_row (
  run_id            uuid NOT NULL,
  line              integer NOT NULL,
  legacy_id         text,
  legal_status      text,
  country_of_return text,
  kind              text,
  stage             text,
  registered_on     date,
  departed_on       date,
  arrived_on        date,
  closed_on         date,
  admitted_on       date,
  project_code      text,
  project_id        uuid,
  outcome           text NOT NULL CHECK (outcome IN ('created', 'rejected')),
  reason            text,
  reason_column     text,
  PRIMARY KEY (run_id, line)
);
CREATE INDEX import_case_row_legacy_idx ON import_case_row (run_id, legacy_id);

-- A report row names its file: the cases file's rejected rows are kept with the person file's, by
-- their own line numbers.
ALTER TABLE import_report_row ADD COLUMN file text NOT NULL DEFAULT 'persons' CHECK (file IN ('persons', 'cases'));
ALTER TABLE import_report_row DROP CONSTRAINT import_report_row_pkey;
ALTER TABLE import_report_row ADD PRIMARY KEY (run_id, file, line);
