-- Travel: documents per member (numbers encrypted at rest), the parts of a booking beyond its
-- legs (transit assistance, escorts, accommodation and transfer, money handed over at
-- departure) and the departure confirmation per travelling member.

CREATE TABLE travel_document (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id            uuid NOT NULL REFERENCES return_case(id) ON DELETE CASCADE,
  person_id          uuid NOT NULL REFERENCES person(id),
  type               text NOT NULL CHECK (type IN ('passport', 'laissez_passer', 'visa', 'transit_visa', 'exit_permit')),
  -- AES-256-GCM (FieldCipher); the last characters are kept apart for masked lists.
  number_encrypted   text,
  number_last        text,
  issuing_authority  text,
  issuing_country    char(2),
  requested_on       date,
  issued_on          date,
  expires_on         date,
  status             text NOT NULL CHECK (status IN ('to_request', 'requested', 'issued', 'refused', 'expired', 'cancelled')),
  notes              text,
  created_by         uuid NOT NULL REFERENCES app_user(id),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on >= issued_on)
);
CREATE INDEX travel_document_case_idx ON travel_document (case_id, person_id);

-- Needs the airport staff must know about (wheelchair, stretcher, oxygen, meet and assist), per
-- member of a booking.
CREATE TABLE travel_member_assistance (
  booking_id  uuid NOT NULL,
  person_id   uuid NOT NULL,
  needs       text NOT NULL,
  PRIMARY KEY (booking_id, person_id),
  FOREIGN KEY (booking_id, person_id) REFERENCES travel_booking_member (booking_id, person_id) ON DELETE CASCADE
);

CREATE TABLE travel_transit (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id         uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  airport_code       text NOT NULL,
  assistance_status  text NOT NULL DEFAULT 'not_requested' CHECK (assistance_status IN ('not_requested', 'requested', 'confirmed', 'refused')),
  assistance_reference text,
  notes              text,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (booking_id, airport_code)
);

CREATE TABLE travel_escort (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id      uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('operational', 'medical')),
  user_id         uuid REFERENCES app_user(id),
  name            text,
  organisation    text,
  leg_positions   integer[] NOT NULL,
  created_by      uuid NOT NULL REFERENCES app_user(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (user_id IS NOT NULL OR name IS NOT NULL),
  CHECK (cardinality(leg_positions) > 0)
);
CREATE INDEX travel_escort_booking_idx ON travel_escort (booking_id);

-- Temporary accommodation and the transfer to the airport before departure.
CREATE TABLE travel_arrangement (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id  uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('accommodation', 'transfer')),
  provider    text NOT NULL,
  details     text,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz,
  created_by  uuid NOT NULL REFERENCES app_user(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at >= starts_at)
);
CREATE INDEX travel_arrangement_booking_idx ON travel_arrangement (booking_id);

-- Pocket money or installation grant handed over at departure, with its receipt.
CREATE TABLE travel_payment (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  booking_id             uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  person_id              uuid REFERENCES person(id),
  kind                   text NOT NULL CHECK (kind IN ('pocket_money', 'installation_grant')),
  amount_minor           bigint NOT NULL CHECK (amount_minor > 0),
  currency               char(3) NOT NULL,
  receipt_attachment_id  uuid REFERENCES case_attachment(id),
  paid_by                uuid NOT NULL REFERENCES app_user(id),
  paid_at                timestamptz NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX travel_payment_booking_idx ON travel_payment (booking_id);

CREATE TABLE travel_departure (
  booking_id    uuid NOT NULL REFERENCES travel_booking(id) ON DELETE CASCADE,
  person_id     uuid NOT NULL REFERENCES person(id),
  outcome       text NOT NULL CHECK (outcome IN ('departed', 'no_show')),
  confirmed_by  uuid NOT NULL REFERENCES app_user(id),
  confirmed_at  timestamptz NOT NULL,
  PRIMARY KEY (booking_id, person_id)
);
