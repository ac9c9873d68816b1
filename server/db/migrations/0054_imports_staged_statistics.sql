-- The planner's statistics of the staged rows. The application role may not ANALYZE the staging
-- tables (it does not own them), and autovacuum analyses them whenever it passes: after a run has
-- ended and deleted its rows, they read as empty, and the next run's set-based checks over a
-- million staged rows were planned as a nested loop scanning the whole table once per row (the
-- same file imported twice in a row ran for hours). An import analyses its staged rows once they
-- are written (COPY), through these functions, which run as the owner and analyse nothing else.
CREATE FUNCTION import_analyze_staged() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  ANALYZE import_row;
  ANALYZE import_case_row;
END $$;
