-- The entitlement of an eligibility check in typed columns, so that reports sum it in SQL: the
-- household total and its currency on the check, and one row per component and member (after the
-- household cap). The JSON document stays as the check's full explanation (overrides used, cap
-- before and after); these columns carry the same amounts, written in the same transaction.
ALTER TABLE eligibility_check
  ADD COLUMN currency char(3),
  ADD COLUMN household_total_minor bigint CHECK (household_total_minor >= 0);

UPDATE eligibility_check
   SET currency = entitlement->>'currency',
       household_total_minor = (entitlement->>'householdTotalMinor')::bigint;

ALTER TABLE eligibility_check
  ALTER COLUMN currency SET NOT NULL,
  ALTER COLUMN household_total_minor SET NOT NULL;

CREATE TABLE eligibility_check_amount (
  check_id      uuid NOT NULL REFERENCES eligibility_check(id) ON DELETE CASCADE,
  component     text NOT NULL,
  person_id     uuid NOT NULL REFERENCES person(id),
  amount_minor  bigint NOT NULL CHECK (amount_minor >= 0),
  currency      char(3) NOT NULL,
  PRIMARY KEY (check_id, component, person_id)
);

INSERT INTO eligibility_check_amount (check_id, component, person_id, amount_minor, currency)
SELECT e.id, comp->>'component', (m->>'personId')::uuid, (m->>'amountMinor')::bigint, e.entitlement->>'currency'
  FROM eligibility_check e
 CROSS JOIN LATERAL jsonb_array_elements(e.entitlement->'components') comp
 CROSS JOIN LATERAL jsonb_array_elements(comp->'members') m;
