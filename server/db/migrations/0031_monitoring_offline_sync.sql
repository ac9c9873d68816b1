-- Monitoring without a connection (monitoring module): each visit recorded offline carries an id
-- the officer's browser made (a uuid). The record is applied once, in the transaction that
-- records the visit, and this row is inserted first in that transaction: its primary key makes a
-- retried upload wait for the first and then answer the stored result, however often the upload
-- is sent again. A refused upload (a conflict) keeps no row, so the merged record is sent with the
-- same id.
CREATE TABLE monitoring_offline_upload (
  client_id uuid PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES monitoring_visit(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES app_user(id),
  -- The visit's version the record was based on, and the version recording it made.
  based_on_version integer NOT NULL CHECK (based_on_version > 0),
  result jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX monitoring_offline_upload_visit_idx ON monitoring_offline_upload (visit_id);
