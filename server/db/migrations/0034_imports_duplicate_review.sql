-- The review of possible duplicates of an import: per imported person (the run's row) and per
-- existing person it looks like, what the reviewer decided. Nothing is merged: "same" links the
-- two for a later review of the cases, "different" clears the warning. A new decision replaces
-- the last one (each is in the audit trail).
CREATE TABLE import_duplicate_review (
  run_id        uuid NOT NULL REFERENCES import_run(id),
  line          integer NOT NULL,
  candidate_id  uuid NOT NULL REFERENCES person(id),
  office_id     uuid NOT NULL REFERENCES office(id),
  person_id     uuid REFERENCES person(id),
  decision      text NOT NULL CHECK (decision IN ('same', 'different')),
  decided_by    uuid NOT NULL REFERENCES app_user(id),
  decided_at    timestamptz NOT NULL,
  PRIMARY KEY (run_id, line, candidate_id)
);
CREATE INDEX import_duplicate_review_same_idx ON import_duplicate_review (office_id, decided_at DESC) WHERE decision = 'same';
