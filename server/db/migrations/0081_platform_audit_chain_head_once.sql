-- The audit chain's head written once per transaction. The chaining trigger (0011) updated
-- `audit_chain_head` for every entry: in one transaction each update leaves a row version that
-- every later lookup of the head walks past (none can be pruned before the commit), so a
-- transaction's n entries cost about n²/2 steps: a legacy import's batch audits each record it
-- changed, and 10,000 entries in one transaction took 2 to 3.7 s (0.6 s now). Now each entry
-- still locks the head (writers are ordered as before: a second transaction waits for the first
-- to commit), takes its previous hash from the entry this transaction wrote last (visible to the
-- trigger, found from the end of the primary key: ids grow along the chain and are drawn under
-- the lock) or, for its first, from the head; and the head is moved to the transaction's last
-- entry once, at the commit (a deferred constraint trigger of which only the last entry's call
-- updates). The entries and their hashes are the same as before; `npm run audit:verify` walks
-- them the same way.
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  head audit_chain_head;
  prev bytea;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is missing: the audit trail cannot be chained';
  END IF;
  -- This transaction's latest entry, if it wrote one since it took the lock (entries of other
  -- transactions past the head cannot exist: each moves the head before it lets go of the lock).
  SELECT a.hash INTO prev FROM public.audit_event a WHERE a.id > coalesce(head.last_id, 0) ORDER BY a.id DESC LIMIT 1;
  NEW.id := nextval('public.audit_event_id_seq');
  NEW.at := clock_timestamp();
  NEW.prev_hash := coalesce(prev, head.last_hash);
  NEW.hash := sha256(NEW.prev_hash || convert_to(audit_event_canonical(NEW), 'UTF8'));
  RETURN NEW;
END $$;

-- At commit, the transaction's last entry becomes the head (the head is still locked by it).
CREATE FUNCTION audit_event_chain_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- (Through the primary key from its end: a generic plan of NOT EXISTS would scan the table.)
  IF NEW.id = (SELECT a.id FROM public.audit_event a WHERE a.id >= NEW.id ORDER BY a.id DESC LIMIT 1) THEN
    UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id AND last_id IS DISTINCT FROM NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER audit_event_chain_head AFTER INSERT ON audit_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_chain_head();
