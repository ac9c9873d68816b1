-- Annual reports of the programme statistics as PDF, built in the background (queue
-- `statistics.report`). A report belongs to the user who asked for it: the job re-loads that user
-- and their grants, so the figures are read in their scope at the time the PDF is made (and refused
-- if they no longer hold `statistics.read`). The PDF is kept in the row until it expires.
CREATE TABLE stat_report (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requested_by    uuid NOT NULL REFERENCES app_user(id),
  -- The requester's office and statistics scope when they asked (the job checks them again).
  office_id       uuid REFERENCES office(id),
  scope           text NOT NULL CHECK (scope IN ('own', 'office', 'organisation', 'all')),
  year_from       integer NOT NULL CHECK (year_from BETWEEN 1950 AND 2100),
  year_to         integer NOT NULL CHECK (year_to BETWEEN year_from AND 2100),
  -- The dashboard's filters (kind, country, region, sex, age band...): codes only, no personal data.
  filters         jsonb NOT NULL,
  language        text NOT NULL CHECK (language IN ('en', 'fr', 'es', 'ar')),
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  figures_done    integer NOT NULL DEFAULT 0,
  figures_total   integer NOT NULL,
  error_code      text,
  pdf             bytea,
  size_bytes      integer,
  created_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  expires_at      timestamptz NOT NULL
);
CREATE INDEX stat_report_requester_idx ON stat_report (requested_by, created_at DESC);
CREATE INDEX stat_report_queued_idx ON stat_report (created_at) WHERE status IN ('queued', 'running');
