-- One lock order for every write that moves a statistics cell: the audit chain head first, then
-- the cells. Every audited write holds the chain head from its first audit event until it commits,
-- so a write that moved a cell and then audited could wait for a write that had audited and then
-- wanted the same cell, each holding what the other needed (a deadlock between two caseworkers
-- saving two unrelated cases). Taking the head before the cells makes the wait one-way.

-- Runs as the owner, like the chain itself: the application role may not lock the head directly.
CREATE FUNCTION audit_chain_lock() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM 1 FROM audit_chain_head WHERE id FOR UPDATE;
END $$;

ALTER FUNCTION stat_refresh_cases(uuid[]) RENAME TO stat_apply_cases;

CREATE FUNCTION stat_refresh_cases(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM audit_chain_lock();
  PERFORM stat_apply_cases(ids);
END $$;

ALTER FUNCTION stat_rebuild() RENAME TO stat_rebuild_cells;

CREATE FUNCTION stat_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM audit_chain_lock();
  PERFORM stat_rebuild_cells();
END $$;
