-- Several Homeward nodes on one database share what used to live in each process's memory.

-- 1. Rate-limit counters (sign-in, password reset, set-up): one row per route and client, kept
-- by every node with one upsert per request. The key is a keyed hash of the route and the
-- client's address (an address is personal data: it is never stored in clear). UNLOGGED: a
-- counter lost in a crash costs an attacker's window nothing worth writing ahead of; expired
-- windows are removed by the nodes as they go and by the hourly platform job.
CREATE UNLOGGED TABLE rate_limit_hit (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hit_window_ends ON rate_limit_hit (window_ends_at);

-- 2. Sessions resolved and kept for a moment by each node: whatever changes what a session
-- resolves to (its end, its user's roles, name, office, language, activity or TOTP, a role's
-- permissions) notifies every node on commit (NOTIFY is transactional), and each node listening
-- on `homeward_sessions` drops what it kept. The payload is empty: it names nobody.
CREATE FUNCTION notify_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('homeward_sessions', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER user_session_ended AFTER UPDATE OF revoked_at ON user_session
  FOR EACH ROW WHEN (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at)
  EXECUTE FUNCTION notify_sessions_changed();

CREATE TRIGGER app_user_session_fields AFTER UPDATE ON app_user
  FOR EACH ROW WHEN (
    (OLD.name, OLD.email, OLD.office_id, OLD.organisation_id, OLD.preferred_language, OLD.active, OLD.totp_enabled, OLD.password_hash)
      IS DISTINCT FROM
    (NEW.name, NEW.email, NEW.office_id, NEW.organisation_id, NEW.preferred_language, NEW.active, NEW.totp_enabled, NEW.password_hash)
  )
  EXECUTE FUNCTION notify_sessions_changed();

CREATE TRIGGER user_role_changed AFTER INSERT OR UPDATE OR DELETE ON user_role
  FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();

CREATE TRIGGER role_changed AFTER UPDATE OR DELETE ON role
  FOR EACH STATEMENT EXECUTE FUNCTION notify_sessions_changed();
