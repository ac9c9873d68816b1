-- Payments of reintegration assistance (payments module): the tranches each component of the
-- approved plan is paid in, their conditions, the disbursements against released tranches with the
-- exchange rates they used, their approval above an office's threshold, receipts or waivers,
-- reversals; places unsafe to revisit (a flag on a case, or a location in a project's settings).
-- Money rows (disbursements, their decisions, receipts and reversals) are append-only.

-- A component is named by its key (`reintegration_component.component_key`), the same in every
-- version of the plan, so a tranche survives a change of the plan.
CREATE TABLE payment_tranche (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id        uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  component_key  uuid NOT NULL,
  position       integer NOT NULL CHECK (position >= 1),
  amount_minor   bigint NOT NULL CHECK (amount_minor > 0),
  currency       text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  due_on         date NOT NULL,
  released_by    uuid REFERENCES app_user(id),
  released_at    timestamptz,
  created_by     uuid NOT NULL REFERENCES app_user(id),
  created_at     timestamptz NOT NULL,
  UNIQUE (case_id, component_key, position),
  CHECK ((released_by IS NULL) = (released_at IS NULL))
);
CREATE INDEX payment_tranche_due_idx ON payment_tranche (due_on) WHERE released_at IS NULL;

CREATE TABLE payment_tranche_condition (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tranche_id         uuid NOT NULL REFERENCES payment_tranche(id) ON DELETE CASCADE,
  position           integer NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('business_plan_approved', 'training_attended', 'receipts_previous_tranche', 'other')),
  -- The group training attended (no reference yet: group trainings are kept elsewhere for now).
  training_id        uuid CHECK (training_id IS NULL OR kind = 'training_attended'),
  text               text CHECK ((kind = 'other') = (text IS NOT NULL) AND (text IS NULL OR length(text) BETWEEN 1 AND 500)),
  met_by             uuid REFERENCES app_user(id),
  met_at             timestamptz,
  met_note           text CHECK (met_note IS NULL OR length(met_note) BETWEEN 1 AND 1000),
  UNIQUE (tranche_id, position),
  CHECK ((met_by IS NULL) = (met_at IS NULL))
);
CREATE INDEX payment_tranche_condition_tranche_idx ON payment_tranche_condition (tranche_id);

-- A payment against a released tranche, in the currency it was paid in. When that differs from the
-- component's, the project's or the budget line's currency, the rate of the payment day, where it
-- came from and the converted amount are kept here and never recomputed.
CREATE TABLE disbursement (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The Idempotency-Key of the request that recorded it: one payment per key, whatever happens above.
  request_key              text NOT NULL UNIQUE CHECK (length(request_key) BETWEEN 1 AND 200),
  case_id                  uuid NOT NULL REFERENCES return_case(id),
  tranche_id               uuid NOT NULL REFERENCES payment_tranche(id),
  recipient                text NOT NULL CHECK (recipient IN ('provider', 'returnee')),
  provider_id              uuid REFERENCES service_provider(id),
  person_id                uuid REFERENCES person(id),
  method                   text NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'mobile_money', 'voucher', 'in_kind')),
  amount_minor             bigint NOT NULL CHECK (amount_minor > 0),
  currency                 text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  paid_on                  date NOT NULL,
  reference                text CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 200),
  note                     text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 2000),
  -- In the component's currency (counted against the tranche).
  component_currency       text NOT NULL,
  component_amount_minor   bigint NOT NULL CHECK (component_amount_minor > 0),
  component_rate           numeric NOT NULL CHECK (component_rate > 0),
  component_rate_source    text NOT NULL,
  -- In the project's currency (the cost of the case), when the case has a project.
  project_currency         text,
  project_amount_minor     bigint,
  project_rate             numeric,
  project_rate_source      text,
  -- In the budget line's currency, when the component names a budget line.
  budget_line_id           uuid REFERENCES budget_line(id),
  budget_currency          text,
  budget_amount_minor      bigint,
  budget_rate              numeric,
  budget_rate_source       text,
  -- The office threshold that applied, and whether the payment waits for a second person.
  threshold_minor          bigint,
  threshold_currency       text,
  needs_approval           boolean NOT NULL,
  recorded_by              uuid NOT NULL REFERENCES app_user(id),
  recorded_at              timestamptz NOT NULL,
  CHECK ((recipient = 'provider') = (provider_id IS NOT NULL)),
  CHECK ((project_currency IS NULL) = (project_amount_minor IS NULL) AND (project_currency IS NULL) = (project_rate IS NULL)),
  CHECK ((budget_line_id IS NULL) = (budget_amount_minor IS NULL) AND (budget_line_id IS NULL) = (budget_rate IS NULL)),
  UNIQUE (id, recorded_by)
);
CREATE INDEX disbursement_case_idx ON disbursement (case_id);
CREATE INDEX disbursement_tranche_idx ON disbursement (tranche_id);

-- The second person's decision on a payment above the threshold: once, and never by its recorder
-- (the recorder is copied here, checked against the payment by the foreign key).
CREATE TABLE disbursement_decision (
  disbursement_id  uuid PRIMARY KEY,
  decision         text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  reason           text CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 1000),
  recorded_by      uuid NOT NULL REFERENCES app_user(id),
  decided_by       uuid NOT NULL REFERENCES app_user(id),
  decided_at       timestamptz NOT NULL,
  FOREIGN KEY (disbursement_id, recorded_by) REFERENCES disbursement (id, recorded_by),
  CHECK (decided_by <> recorded_by),
  CHECK (decision = 'approved' OR reason IS NOT NULL)
);

-- A receipt (a case attachment) or a waiver with its reason.
CREATE TABLE disbursement_receipt (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  disbursement_id  uuid NOT NULL REFERENCES disbursement(id),
  attachment_id    uuid REFERENCES case_attachment(id),
  waiver_reason    text CHECK (waiver_reason IS NULL OR length(waiver_reason) BETWEEN 1 AND 1000),
  recorded_by      uuid NOT NULL REFERENCES app_user(id),
  recorded_at      timestamptz NOT NULL,
  CHECK ((attachment_id IS NULL) <> (waiver_reason IS NULL))
);
CREATE INDEX disbursement_receipt_disbursement_idx ON disbursement_receipt (disbursement_id);

-- A mistaken payment is reversed by a new entry, once.
CREATE TABLE disbursement_reversal (
  disbursement_id  uuid PRIMARY KEY REFERENCES disbursement(id),
  reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  reversed_by      uuid NOT NULL REFERENCES app_user(id),
  reversed_at      timestamptz NOT NULL
);

CREATE FUNCTION payments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER disbursement_append_only BEFORE UPDATE OR DELETE ON disbursement FOR EACH ROW EXECUTE FUNCTION payments_append_only();
CREATE TRIGGER disbursement_decision_append_only BEFORE UPDATE OR DELETE ON disbursement_decision FOR EACH ROW EXECUTE FUNCTION payments_append_only();
CREATE TRIGGER disbursement_receipt_append_only BEFORE UPDATE OR DELETE ON disbursement_receipt FOR EACH ROW EXECUTE FUNCTION payments_append_only();
CREATE TRIGGER disbursement_reversal_append_only BEFORE UPDATE OR DELETE ON disbursement_reversal FOR EACH ROW EXECUTE FUNCTION payments_append_only();

-- A case whose place of return is unsafe to revisit (monitoring visits, a second payment).
CREATE TABLE case_unsafe_area (
  case_id  uuid PRIMARY KEY REFERENCES return_case(id) ON DELETE CASCADE,
  reason   text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  set_by   uuid NOT NULL REFERENCES app_user(id),
  set_at   timestamptz NOT NULL
);

-- Places of a project unsafe to revisit: a case of the project returning to that country and place
-- (its arrival place) is treated as flagged.
CREATE TABLE project_unsafe_location (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id  uuid NOT NULL REFERENCES project(id),
  country     text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  place       text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  created_by  uuid NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX project_unsafe_location_place ON project_unsafe_location (project_id, country, lower(place));

-- Above this amount a disbursement waits for a second person's approval.
CREATE TABLE office_disbursement_threshold (
  office_id     uuid PRIMARY KEY REFERENCES office(id),
  amount_minor  bigint NOT NULL CHECK (amount_minor >= 0),
  currency      text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  set_by        uuid NOT NULL REFERENCES app_user(id),
  set_at        timestamptz NOT NULL,
  version       integer NOT NULL DEFAULT 1
);

-- What a case cost: paid, non-reversed disbursements and travel payments (pocket money,
-- installation grant), each in its currency and, where a conversion was stored (or the currency is
-- the project's), in the project's currency.
CREATE VIEW case_cost_item AS
SELECT d.case_id, 'disbursement'::text AS source, d.id AS item_id, d.currency, d.amount_minor,
       p.currency::text AS project_currency,
       CASE WHEN d.currency = p.currency THEN d.amount_minor WHEN d.project_currency = p.currency THEN d.project_amount_minor END AS project_amount_minor
  FROM disbursement d
  JOIN return_case c ON c.id = d.case_id
  LEFT JOIN project p ON p.id = c.project_id
 WHERE NOT EXISTS (SELECT 1 FROM disbursement_reversal r WHERE r.disbursement_id = d.id)
   AND (NOT d.needs_approval OR EXISTS (SELECT 1 FROM disbursement_decision x WHERE x.disbursement_id = d.id AND x.decision = 'approved'))
UNION ALL
SELECT b.case_id, tp.kind AS source, tp.id AS item_id, tp.currency::text, tp.amount_minor,
       p.currency::text AS project_currency,
       CASE WHEN tp.currency = p.currency THEN tp.amount_minor END AS project_amount_minor
  FROM travel_payment tp
  JOIN travel_booking b ON b.id = tp.booking_id
  JOIN return_case c ON c.id = b.case_id
  LEFT JOIN project p ON p.id = c.project_id;

-- The built-in roles that record and approve disbursements, as new installations give them
-- (shared/access.ts). Roles administrators made are left as they are.
UPDATE role
   SET permissions = array_append(permissions, 'disbursement.record'), version = version + 1, updated_at = now()
 WHERE builtin AND key IN ('finance_officer', 'reintegration_officer') AND NOT ('disbursement.record' = ANY (permissions));
UPDATE role
   SET permissions = array_append(permissions, 'disbursement.approve'), version = version + 1, updated_at = now()
 WHERE builtin AND key IN ('finance_officer', 'office_manager') AND NOT ('disbursement.approve' = ANY (permissions));
