-- Monitoring of reintegration (monitoring module): the sustainability survey instrument as
-- versioned data. An instrument's versions are drafts, then published versions that never change;
-- a visit (later) keeps its raw answers with the version it used and its scores.

CREATE TABLE monitoring_instrument (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{0,59}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Created by Homeward at start (the default modelled on IOM's survey), not by a user.
  builtin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The definition (dimensions, indicators, questions with their scoring rules, weights,
-- thresholds, triggers) is checked by `definitionSchema` of shared/schemas/monitoring.ts.
CREATE TABLE monitoring_instrument_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id uuid NOT NULL REFERENCES monitoring_instrument(id),
  number integer NOT NULL CHECK (number > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  definition jsonb NOT NULL,
  -- Weights set by Homeward or the programme pending validation: shown as provisional.
  provisional_weights boolean NOT NULL DEFAULT false,
  -- Null for the built-in version Homeward publishes at start.
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES app_user(id),
  published_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (instrument_id, number),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
-- One draft per instrument at a time.
CREATE UNIQUE INDEX monitoring_instrument_one_draft_idx ON monitoring_instrument_version (instrument_id) WHERE status = 'draft';

-- A published version never changes and is never removed, by any role: visits keep scores made with it.
CREATE FUNCTION monitoring_instrument_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published instrument version cannot change' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER monitoring_instrument_version_immutable BEFORE UPDATE OR DELETE ON monitoring_instrument_version
  FOR EACH ROW EXECUTE FUNCTION monitoring_instrument_version_immutable();

-- New permissions for existing built-in roles, as new installations give them (shared/access.ts);
-- roles administrators made are left as they are.
UPDATE role SET permissions = permissions || ARRAY['monitoring.visit.record', 'monitoring.score.read']::text[], version = version + 1, updated_at = now()
 WHERE builtin AND key = 'monitoring_officer' AND NOT ('monitoring.visit.record' = ANY (permissions));
-- The programme manager keeps the instrument (no personal data); reading returnees' scores stays
-- with those who work on their cases.
UPDATE role SET permissions = array_append(permissions, 'monitoring.instrument.manage'), version = version + 1, updated_at = now()
 WHERE builtin AND key = 'programme_manager' AND NOT ('monitoring.instrument.manage' = ANY (permissions));
