-- The audit trail as a hash chain, written by the database itself. Whatever the application
-- sends, the database gives each entry its id and its time, and links it to the entry before it:
-- `prev_hash` is the hash of the previous entry, `hash` is sha256(prev_hash || canonical text of
-- the entry). An entry edited, removed or written after the fact breaks the chain, which
-- `npm run audit:verify` (server/platform/audit-chain.ts) walks.

ALTER TABLE audit_event ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

-- The id is no longer an identity the client may override: the chaining trigger draws it from
-- this sequence once the chain is locked, so ids increase along the chain.
ALTER TABLE audit_event ALTER COLUMN id DROP IDENTITY IF EXISTS;
CREATE SEQUENCE audit_event_id_seq OWNED BY audit_event.id;
SELECT setval('audit_event_id_seq', COALESCE((SELECT max(id) FROM audit_event), 0) + 1, false);

-- The head of the one chain: its row lock orders concurrent inserts into a single chain (each
-- writer waits for the one before it to commit), and it says which entry is last, so that
-- removing the newest entries is detected too. The application role has no grant on it.
CREATE TABLE audit_chain_head (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_id   bigint,
  last_hash bytea NOT NULL
);

-- The canonical text of an entry: a JSON array of its fields in a fixed order, the time in UTC
-- with microseconds, jsonb values in PostgreSQL's normalised form. The verifier computes the same
-- text in its own query.
CREATE FUNCTION audit_event_canonical(a audit_event) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), a.event, a.actor_id, a.office_id,
    a.entity_type, a.entity_id, a.case_id, a.ip::text, a.before, a.after, a.details
  )::text
$$;

-- Entries written before the chain existed are chained in id order, from 32 zero bytes.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
DO $$
DECLARE
  r audit_event;
  prev bytea := decode(repeat('00', 32), 'hex');
  h bytea;
  last bigint;
BEGIN
  FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
    h := sha256(prev || convert_to(audit_event_canonical(r), 'UTF8'));
    UPDATE audit_event SET prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
    last := r.id;
  END LOOP;
  INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (true, last, prev);
END $$;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;
ALTER TABLE audit_event ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL;

-- Runs as the owner (SECURITY DEFINER): the application role may insert entries but never touch
-- the head. Whatever id, time or hashes the client sent are replaced.
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is missing: the audit trail cannot be chained';
  END IF;
  NEW.id := nextval('public.audit_event_id_seq');
  NEW.at := clock_timestamp();
  NEW.prev_hash := head.last_hash;
  NEW.hash := sha256(NEW.prev_hash || convert_to(audit_event_canonical(NEW), 'UTF8'));
  UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

-- The head is changed only by the chain: not even the owner edits it by hand without disabling this.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'audit_chain_head is changed only by the audit trail';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
