-- The legacy import takes a programme's monitoring history: one row per visit, linked to its case
-- by legacy id. An imported visit is a recorded `monitoring_visit` (so "not reached" counts toward
-- lost to follow-up as a live one does) marked with its source and legacy id (unique pair), in
-- slot 0: it belongs to no slot of a Homeward schedule.
ALTER TABLE monitoring_visit ADD COLUMN legacy_source text, ADD COLUMN legacy_id text;
CREATE UNIQUE INDEX monitoring_visit_legacy_uq ON monitoring_visit (legacy_source, legacy_id) WHERE legacy_id IS NOT NULL;
ALTER TABLE monitoring_visit DROP CONSTRAINT IF EXISTS monitoring_visit_slot_check;
ALTER TABLE monitoring_visit ADD CONSTRAINT monitoring_visit_slot_check CHECK (slot > 0 OR (slot = 0 AND legacy_id IS NOT NULL));

-- The scores the old system gave, as given: no Homeward instrument version computed them, so they
-- are kept apart from `monitoring_visit_score` (whose rows the programme's score summary reads
-- one version at a time) and are never mixed with them. Each is a decimal in 0..1, four decimals.
CREATE TABLE monitoring_imported_score (
  visit_id      uuid PRIMARY KEY REFERENCES monitoring_visit(id) ON DELETE CASCADE,
  legacy_source text NOT NULL,
  composite     numeric(5, 4) CHECK (composite BETWEEN 0 AND 1),
  economic      numeric(5, 4) CHECK (economic BETWEEN 0 AND 1),
  social        numeric(5, 4) CHECK (social BETWEEN 0 AND 1),
  psychosocial  numeric(5, 4) CHECK (psychosocial BETWEEN 0 AND 1),
  imported_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (COALESCE(composite, economic, social, psychosocial) IS NOT NULL)
);

-- A historical case without a schedule gets one marked imported: no offsets, no planned visits
-- (its visits are the old system's); changing it (with a reason) plans new visits as for any case.
ALTER TABLE monitoring_schedule DROP CONSTRAINT IF EXISTS monitoring_schedule_source_check;
ALTER TABLE monitoring_schedule ADD CONSTRAINT monitoring_schedule_source_check CHECK (source IN ('project', 'default', 'changed', 'imported'));
ALTER TABLE monitoring_schedule DROP CONSTRAINT IF EXISTS monitoring_schedule_offsets_months_check;
ALTER TABLE monitoring_schedule ADD CONSTRAINT monitoring_schedule_offsets_months_check
  CHECK (cardinality(offsets_months) BETWEEN 1 AND 12 OR (source = 'imported' AND cardinality(offsets_months) = 0));

ALTER TABLE import_run DROP CONSTRAINT IF EXISTS import_run_entity_check;
ALTER TABLE import_run ADD CONSTRAINT import_run_entity_check CHECK (entity IN ('households', 'vulnerabilities', 'components', 'visits'));
