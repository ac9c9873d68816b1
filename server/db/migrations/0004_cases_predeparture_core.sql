-- The tables that several capabilities read: which members travel, restricted cases, projects,
-- informed decisions, vulnerabilities and their special measures, eligibility results, travel
-- bookings and their legs. Each capability adds its own further tables in its own migration.

-- Built-in roles of existing installations gain the grants this version adds (once: what an
-- administrator changes afterwards stays).
UPDATE role SET permissions = ARRAY(SELECT DISTINCT unnest(permissions || grants.added) ORDER BY 1)
FROM (VALUES
  ('caseworker', ARRAY['counselling.write', 'decision.record', 'eligibility.check', 'application.submit', 'vulnerability.write', 'travel.manage', 'handover.send']),
  ('counsellor', ARRAY['counselling.write', 'coi.manage', 'decision.record', 'eligibility.check', 'vulnerability.write', 'case.health']),
  ('reintegration_officer', ARRAY['vulnerability.write', 'handover.receive', 'reception.manage']),
  ('office_manager', ARRAY['counselling.write', 'decision.record', 'eligibility.check', 'application.submit', 'vulnerability.write', 'travel.manage',
    'handover.send', 'case.restricted', 'coi.manage', 'eligibility.confirm', 'case.health', 'handover.receive', 'reception.manage']),
  ('partner_caseworker', ARRAY['counselling.write', 'decision.record', 'eligibility.check', 'application.submit', 'vulnerability.write', 'travel.manage'])
) AS grants(key, added)
WHERE role.key = grants.key AND role.builtin;

-- A household member may stay behind (a spouse with a residence permit): only travelling members
-- need a decision, a ticket and a departure confirmation.
ALTER TABLE case_member ADD COLUMN travelling boolean NOT NULL DEFAULT true;

-- A case with a victim of trafficking or an unaccompanied or separated child: only its assigned
-- staff and their supervisors see it.
ALTER TABLE return_case ADD COLUMN restricted boolean NOT NULL DEFAULT false;
-- The date the person was admitted into the country of return (post-arrival cases need it before
-- any assistance is recorded).
ALTER TABLE return_case ADD COLUMN admission_date date;

-- Staff assigned to a case besides its owner (restricted cases are visible to them).
CREATE TABLE case_assignment (
  case_id     uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES app_user(id),
  assigned_by uuid NOT NULL REFERENCES app_user(id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_assignment_user_idx ON case_assignment (user_id);

CREATE TABLE project (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES organisation(id),
  code             text NOT NULL UNIQUE,
  name             text NOT NULL,
  host_countries   text[] NOT NULL DEFAULT '{}',
  return_countries text[] NOT NULL DEFAULT '{}',
  starts_on        date NOT NULL,
  ends_on          date NOT NULL,
  budget_minor     bigint CHECK (budget_minor IS NULL OR budget_minor >= 0),
  currency         char(3) NOT NULL,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
ALTER TABLE return_case ADD COLUMN project_id uuid REFERENCES project(id);
CREATE INDEX return_case_project_idx ON return_case (project_id) WHERE project_id IS NOT NULL;

-- The informed and voluntary decision, per travelling member, in versions: a withdrawal ends
-- every current decision of the case; a new decision later is a new version.
CREATE TABLE informed_decision (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id                    uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  person_id                  uuid NOT NULL REFERENCES person(id),
  version                    integer NOT NULL,
  decided_on                 date NOT NULL,
  decided_by                 text NOT NULL CHECK (decided_by IN ('self', 'guardian', 'representative')),
  representative_name        text,
  language                   text NOT NULL,
  information_understood     boolean NOT NULL CHECK (information_understood),
  no_pressure                boolean NOT NULL CHECK (no_pressure),
  declaration_attachment_id  uuid REFERENCES case_attachment(id),
  counsellor_id              uuid NOT NULL REFERENCES app_user(id),
  recorded_by                uuid NOT NULL REFERENCES app_user(id),
  recorded_at                timestamptz NOT NULL DEFAULT now(),
  ended_at                   timestamptz,
  ended_reason               text CHECK (ended_reason IN ('withdrawn', 'superseded')),
  UNIQUE (case_id, person_id, version),
  CHECK (decided_by = 'self' OR representative_name IS NOT NULL)
);
CREATE INDEX informed_decision_current_idx ON informed_decision (case_id, person_id) WHERE ended_at IS NULL;

CREATE TABLE withdrawal (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  from_stage   text NOT NULL,
  reason       text,
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX withdrawal_case_idx ON withdrawal (case_id, at);

CREATE TABLE vulnerability (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id        uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  person_id      uuid NOT NULL REFERENCES person(id),
  category       text NOT NULL CHECK (category IN ('trafficking_victim', 'unaccompanied_child', 'separated_child', 'medical_physical',
                   'medical_mental_health', 'disability', 'elderly', 'pregnant', 'single_parent', 'violence_victim', 'other')),
  details        text,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'resolved')),
  identified_on  date NOT NULL,
  identified_by  uuid NOT NULL REFERENCES app_user(id),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, person_id, category)
);
CREATE INDEX vulnerability_category_idx ON vulnerability (category, case_id) WHERE status = 'active';

CREATE TABLE special_measure (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id           uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  person_id         uuid NOT NULL REFERENCES person(id),
  vulnerability_id  uuid REFERENCES vulnerability(id) ON DELETE SET NULL,
  kind              text NOT NULL,
  title             text,
  owner_id          uuid REFERENCES app_user(id),
  due_on            date,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'not_needed')),
  notes             text,
  completed_at      timestamptz,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX special_measure_case_idx ON special_measure (case_id);
CREATE INDEX special_measure_owner_idx ON special_measure (owner_id, due_on) WHERE status IN ('open', 'in_progress');

-- An eligibility check: the decision with a reason per criterion, the entitlement, the rules
-- version used and the facts it was computed from (a change of facts marks it outdated).
CREATE TABLE eligibility_check (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id          uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  project_id       uuid NOT NULL REFERENCES project(id),
  rules_version    integer NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('eligible', 'ineligible')),
  criteria         jsonb NOT NULL,
  entitlement      jsonb NOT NULL,
  facts            jsonb NOT NULL,
  facts_hash       text NOT NULL,
  checked_by       uuid NOT NULL REFERENCES app_user(id),
  checked_at       timestamptz NOT NULL DEFAULT now(),
  confirmed_by     uuid REFERENCES app_user(id),
  confirmed_at     timestamptz,
  final_outcome    text CHECK (final_outcome IN ('eligible', 'ineligible')),
  override_reason  text,
  outdated_at      timestamptz
);
CREATE INDEX eligibility_check_case_idx ON eligibility_check (case_id, checked_at DESC);

CREATE TABLE travel_booking (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id             uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  status              text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'booked', 'ticketed', 'cancelled', 'no_show', 'rebooked')),
  booking_reference   text,
  travel_date         date NOT NULL,
  replaces_booking_id uuid REFERENCES travel_booking(id),
  notes               text,
  -- Set when the case is withdrawn while the booking is open: someone must cancel it.
  cancellation_flagged_at timestamptz,
  created_by          uuid NOT NULL REFERENCES app_user(id),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX travel_booking_case_idx ON travel_booking (case_id);
CREATE INDEX travel_booking_date_idx ON travel_booking (travel_date) WHERE status IN ('requested', 'booked', 'ticketed');

CREATE TABLE travel_booking_member (
  booking_id  uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  person_id   uuid NOT NULL REFERENCES person(id),
  PRIMARY KEY (booking_id, person_id)
);

-- Local times with their IANA time zone: a leg leaves at 23:40 Europe/Brussels, whatever the
-- server's zone.
CREATE TABLE travel_leg (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id         uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  position           integer NOT NULL,
  carrier            text NOT NULL,
  flight_or_route    text NOT NULL,
  from_code          text NOT NULL,
  from_kind          text NOT NULL CHECK (from_kind IN ('airport', 'border_crossing')),
  to_code            text NOT NULL,
  to_kind            text NOT NULL CHECK (to_kind IN ('airport', 'border_crossing')),
  departs_local      timestamp NOT NULL,
  departs_time_zone  text NOT NULL,
  arrives_local      timestamp NOT NULL,
  arrives_time_zone  text NOT NULL,
  UNIQUE (booking_id, position)
);
CREATE INDEX travel_leg_flight_idx ON travel_leg (flight_or_route, departs_local);
