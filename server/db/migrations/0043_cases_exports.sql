-- Exports of the case list: a user asks for the list of the current filter as CSV or XLSX, a
-- background job writes the file (with the requester's scope at the time it runs), and the
-- requester alone downloads it for 24 hours. The filter is kept here, never in an address.
CREATE TABLE case_export (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requested_by  uuid NOT NULL REFERENCES app_user (id),
  format        text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  filter        jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  rows_total    integer,
  rows_done     integer NOT NULL DEFAULT 0,
  size_bytes    bigint,
  error_code    text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  expires_at    timestamptz NOT NULL,
  -- When the file was deleted (expired): the record stays for the list and the audit trail.
  removed_at    timestamptz
);
CREATE INDEX case_export_requester_idx ON case_export (requested_by, created_at DESC);
CREATE INDEX case_export_expiry_idx ON case_export (expires_at) WHERE removed_at IS NULL;
