-- Handover of a case to the office in the country of return, the returnee's consent to share
-- sensitive parts of the file (per purpose), the arrival and the reception services.

-- The returnee's consent, per purpose of a handover: which sensitive parts of the file the origin
-- office may see. A new record for a purpose replaces the previous one; a withdrawal ends it.
CREATE TABLE handover_consent (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id             uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  purpose             text NOT NULL CHECK (purpose IN ('reception', 'reintegration', 'medical_continuity', 'monitoring')),
  asylum_history      boolean NOT NULL,
  counselling_notes   boolean NOT NULL,
  health_information  boolean NOT NULL,
  consented_on        date NOT NULL,
  recorded_by         uuid NOT NULL REFERENCES app_user(id),
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  ended_at            timestamptz,
  ended_reason        text CHECK (ended_reason IN ('withdrawn', 'superseded')),
  ended_by            uuid REFERENCES app_user(id)
);
CREATE UNIQUE INDEX handover_consent_current_idx ON handover_consent (case_id, purpose) WHERE ended_at IS NULL;

CREATE TABLE handover (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id         uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  from_office_id  uuid NOT NULL REFERENCES office(id),
  to_office_id    uuid NOT NULL REFERENCES office(id),
  purpose         text NOT NULL CHECK (purpose IN ('reception', 'reintegration', 'medical_continuity', 'monitoring')),
  from_stage      text NOT NULL,
  note            text,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  sent_by         uuid NOT NULL REFERENCES app_user(id),
  sent_at         timestamptz NOT NULL,
  decided_by      uuid REFERENCES app_user(id),
  decided_at      timestamptz,
  decline_reason  text,
  version         integer NOT NULL DEFAULT 1,
  CHECK (status <> 'declined' OR decline_reason IS NOT NULL),
  CHECK (from_office_id <> to_office_id)
);
-- At most one handover of a case waiting for an answer or accepted at a time.
CREATE UNIQUE INDEX handover_open_idx ON handover (case_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX handover_incoming_idx ON handover (to_office_id, status, sent_at DESC);

-- The arrival confirmed by the origin office (one per case).
CREATE TABLE arrival (
  case_id              uuid PRIMARY KEY REFERENCES return_case(id) ON DELETE CASCADE,
  arrived_on           date NOT NULL,
  place                text NOT NULL,
  received_by_user_id  uuid REFERENCES app_user(id),
  received_by_name     text,
  recorded_by          uuid NOT NULL REFERENCES app_user(id),
  recorded_at          timestamptz NOT NULL,
  CHECK (received_by_user_id IS NOT NULL OR received_by_name IS NOT NULL)
);

CREATE TABLE reception_service (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id      uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  service      text NOT NULL CHECK (service IN ('airport_reception', 'immigration_customs', 'onward_transport', 'temporary_accommodation',
                 'immediate_assistance', 'medical_care')),
  status       text NOT NULL CHECK (status IN ('planned', 'provided', 'not_needed', 'cancelled')),
  cost_minor   bigint CHECK (cost_minor IS NULL OR cost_minor >= 0),
  currency     char(3),
  note         text,
  recorded_by  uuid NOT NULL REFERENCES app_user(id),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  CHECK ((cost_minor IS NULL) = (currency IS NULL))
);
CREATE INDEX reception_service_case_idx ON reception_service (case_id, created_at);
