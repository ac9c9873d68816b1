-- Applications for assisted return: each submission is a row; a second person approves or
-- rejects it (never the submitter). A rejected case may be reopened and submitted again: the
-- earlier rows stay as history.
CREATE TABLE application (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id       uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  submitted_by  uuid NOT NULL REFERENCES app_user(id),
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  outcome       text CHECK (outcome IN ('approved', 'rejected', 'withdrawn')),
  decided_by    uuid REFERENCES app_user(id),
  decided_at    timestamptz,
  reason        text,
  CHECK ((outcome IS NULL) = (decided_at IS NULL)),
  CHECK (outcome IS DISTINCT FROM 'approved' OR decided_by IS DISTINCT FROM submitted_by),
  CHECK (outcome IS DISTINCT FROM 'rejected' OR (reason IS NOT NULL AND decided_by IS DISTINCT FROM submitted_by))
);
-- At most one application awaiting a decision per case.
CREATE UNIQUE INDEX application_pending_idx ON application (case_id) WHERE outcome IS NULL;
CREATE INDEX application_case_idx ON application (case_id, submitted_at);
