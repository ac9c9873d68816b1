-- The readiness check (/api/health/ready) runs as the application role and compares the
-- migrations recorded here with the files Homeward ships: it may read this table, never change
-- it. The migration runner grants the same after every run (grantAppRole); this file makes
-- databases migrated before it run the grants again.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'homeward_app') THEN
    GRANT SELECT ON schema_migration TO homeward_app;
  END IF;
END
$$;
