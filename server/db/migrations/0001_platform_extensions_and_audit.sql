-- Extensions used by search (trigram similarity) and case-insensitive emails.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;

-- The audit trail: append-only. The application role gets SELECT and INSERT only (see the
-- migration runner's grants), and this trigger refuses changes from any role.
CREATE TABLE audit_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  event       text NOT NULL,
  actor_id    uuid,
  office_id   uuid,
  entity_type text,
  entity_id   uuid,
  case_id     uuid,
  ip          inet,
  before      jsonb,
  after       jsonb,
  details     jsonb
);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC);
CREATE INDEX audit_event_case_idx ON audit_event (case_id, at DESC) WHERE case_id IS NOT NULL;
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, at DESC);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
CREATE INDEX audit_event_event_idx ON audit_event (event, at DESC);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Replays of creating POSTs answer the first response.
CREATE TABLE idempotency_key (
  user_id     uuid NOT NULL,
  key         text NOT NULL,
  route       text NOT NULL,
  status      integer NOT NULL,
  response    jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
