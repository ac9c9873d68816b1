-- An erased person's access-request bundles go with the rest of their data: when a person is erased
-- (person.erased_at set, migration 0061), the files of every access request about them are removed
-- at once, in the erasure's transaction, instead of at the request's expiry. The request rows stay
-- (who asked, when, the officer's reference): the audit entries name them.
CREATE FUNCTION access_request_forget_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_request
     SET bundle_json = NULL, bundle_csv = NULL, bundle_pdf = NULL,
         expires_at = least(expires_at, NEW.erased_at),
         status = CASE WHEN status IN ('queued', 'running') THEN 'failed' ELSE status END,
         error_code = CASE WHEN status IN ('queued', 'running') THEN 'ACCESS_REQUEST_PERSON_ERASED' ELSE error_code END
   WHERE person_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER person_erased_removes_bundles
  AFTER UPDATE OF erased_at ON person
  FOR EACH ROW WHEN (OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL)
  EXECUTE FUNCTION access_request_forget_erased();
