-- Restriction of processing, legal hold and erasure (anonymisation) of a person, decided by a
-- data-protection officer (see docs/data-protection.md).

-- An erased person's row stays (the statistical facts of their cases need it), marked here; their
-- names, contacts and documents are gone (`erasePerson` in server/modules/cases/person-erasure.ts).
ALTER TABLE person ADD COLUMN erased_at timestamptz;

-- A legal hold (litigation, an investigation) keeps a person's data: it blocks their erasure. One
-- hold in force per person; a lifted hold stays as the record of who placed and lifted it, and why.
CREATE TABLE person_legal_hold (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES person(id),
  reason       text NOT NULL CHECK (char_length(btrim(reason)) >= 20),
  placed_by    uuid NOT NULL REFERENCES app_user(id),
  placed_at    timestamptz NOT NULL,
  lift_reason  text CHECK (lift_reason IS NULL OR char_length(btrim(lift_reason)) >= 20),
  lifted_by    uuid REFERENCES app_user(id),
  lifted_at    timestamptz,
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE UNIQUE INDEX person_legal_hold_active_uq ON person_legal_hold (person_id) WHERE lifted_at IS NULL;
CREATE INDEX person_legal_hold_person_idx ON person_legal_hold (person_id, placed_at DESC);

-- Restriction of processing: while one is in force, every case the person is a member of is out
-- of everyone's case scope (`caseScope` in server/modules/cases/cases.policy.ts) but the
-- data-protection officer's.
CREATE TABLE person_processing_restriction (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES person(id),
  reason       text NOT NULL CHECK (char_length(btrim(reason)) >= 20),
  placed_by    uuid NOT NULL REFERENCES app_user(id),
  placed_at    timestamptz NOT NULL,
  lift_reason  text CHECK (lift_reason IS NULL OR char_length(btrim(lift_reason)) >= 20),
  lifted_by    uuid REFERENCES app_user(id),
  lifted_at    timestamptz,
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE UNIQUE INDEX person_processing_restriction_active_uq ON person_processing_restriction (person_id) WHERE lifted_at IS NULL;
CREATE INDEX person_processing_restriction_person_idx ON person_processing_restriction (person_id, placed_at DESC);

-- The built-in data-protection officer decides them (shared/access.ts); roles administrators made
-- are left as they made them.
UPDATE role
   SET permissions = permissions || ARRAY['person.restriction.manage', 'person.legal_hold.manage', 'person.erasure']::text[],
       version = version + 1, updated_at = now()
 WHERE builtin AND key = 'data_protection_officer' AND NOT ('person.erasure' = ANY (permissions));
