-- The loading of the demo data (`server/db/seed/demo.ts`). The offices and the users are written
-- before Homeward answers; the 330-odd cases are then loaded in the background (about 45 seconds
-- on 2 cores), and the web app shows how far it got from this row. A start that finds the row
-- unfinished, with no process loading (`platform/demo-load.ts` holds an advisory lock while it
-- loads), marks it interrupted and says so: what was loaded stays.
CREATE TABLE demo_load (
  id              boolean PRIMARY KEY DEFAULT true CHECK (id),
  started_at      timestamptz NOT NULL DEFAULT now(),
  cases_total     integer NOT NULL CHECK (cases_total >= 0),
  cases_done      integer NOT NULL DEFAULT 0,
  finished_at     timestamptz,
  interrupted_at  timestamptz,
  CONSTRAINT demo_load_done_in_range CHECK (cases_done BETWEEN 0 AND cases_total),
  CONSTRAINT demo_load_one_end CHECK (finished_at IS NULL OR interrupted_at IS NULL)
);
