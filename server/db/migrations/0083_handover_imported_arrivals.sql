-- The arrival day a legacy file gives for a case (the person file's `arrivedOn`) is kept as the
-- case's arrival, as the origin office's confirmation is: the monitoring schedule counts from it and
-- the sustainability figures group the imported history by its quarter. A legacy system seldom
-- says where the returnee arrived or who received them, so an imported arrival needs neither; it
-- names its source. An arrival confirmed in Homeward still needs both.
ALTER TABLE arrival ADD COLUMN legacy_source text;
ALTER TABLE arrival ALTER COLUMN place DROP NOT NULL;
ALTER TABLE arrival DROP CONSTRAINT arrival_check;
ALTER TABLE arrival ADD CONSTRAINT arrival_confirmed_complete
  CHECK (legacy_source IS NOT NULL OR (place IS NOT NULL AND (received_by_user_id IS NOT NULL OR received_by_name IS NOT NULL)));
