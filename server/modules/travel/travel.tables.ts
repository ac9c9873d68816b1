import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../../platform/db.js';

/**
 * Tables the travel module writes: bookings, their members and legs (migration 0004), documents,
 * transit, escorts, arrangements, payments, departures, assistance (0009), payment corrections (0016), departure overrides (0018).
 */
export interface TravelBookingTable {
  id: Generated<string>;
  case_id: string;
  status: Generated<'requested' | 'booked' | 'ticketed' | 'departed' | 'cancelled' | 'no_show' | 'rebooked'>;
  booking_reference: string | null;
  travel_date: string;
  replaces_booking_id: string | null;
  notes: string | null;
  cancellation_flagged_at: NullableTimestamp;
  created_by: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TravelBookingMemberTable {
  booking_id: string;
  person_id: string;
}

/** Local times are 'YYYY-MM-DDTHH:MM:SS' strings, with their IANA time zone beside them. */
export interface TravelLegTable {
  id: Generated<string>;
  booking_id: string;
  position: number;
  carrier: string;
  flight_or_route: string;
  from_code: string;
  from_kind: 'airport' | 'border_crossing';
  to_code: string;
  to_kind: 'airport' | 'border_crossing';
  departs_local: string;
  departs_time_zone: string;
  arrives_local: string;
  arrives_time_zone: string;
}

export interface TravelDocumentTable {
  id: Generated<string>;
  case_id: string;
  person_id: string;
  type: 'passport' | 'laissez_passer' | 'visa' | 'transit_visa' | 'exit_permit';
  number_encrypted: string | null;
  number_last: string | null;
  issuing_authority: string | null;
  issuing_country: string | null;
  requested_on: string | null;
  issued_on: string | null;
  expires_on: string | null;
  status: 'to_request' | 'requested' | 'issued' | 'refused' | 'expired' | 'cancelled';
  notes: string | null;
  created_by: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TravelMemberAssistanceTable {
  booking_id: string;
  person_id: string;
  needs: string;
}

export interface TravelTransitTable {
  id: Generated<string>;
  booking_id: string;
  airport_code: string;
  assistance_status: Generated<'not_requested' | 'requested' | 'confirmed' | 'refused'>;
  assistance_reference: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TravelEscortTable {
  id: Generated<string>;
  booking_id: string;
  kind: 'operational' | 'medical';
  user_id: string | null;
  name: string | null;
  organisation: string | null;
  leg_positions: number[];
  created_by: string;
  created_at: Timestamp;
}

export interface TravelArrangementTable {
  id: Generated<string>;
  booking_id: string;
  kind: 'accommodation' | 'transfer';
  provider: string;
  details: string | null;
  starts_at: Timestamp;
  ends_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string;
  created_at: Timestamp;
}

export interface TravelPaymentTable {
  id: Generated<string>;
  booking_id: string;
  person_id: string | null;
  kind: 'pocket_money' | 'installation_grant';
  amount_minor: ColumnType<number, number | bigint, number | bigint>;
  currency: string;
  receipt_attachment_id: string | null;
  paid_by: string;
  paid_at: Timestamp;
  created_at: Timestamp;
}

/** Amounts corrected after the fact, with the amount before and after (migration 0016). */
export interface TravelPaymentCorrectionTable {
  payment_id: string;
  currency: string;
  amount_minor_before: ColumnType<number, number | bigint, number | bigint>;
  amount_minor_after: ColumnType<number, number | bigint, number | bigint>;
  reason: string;
  corrected_at: Timestamp;
}

export interface TravelDepartureTable {
  booking_id: string;
  person_id: string;
  outcome: 'departed' | 'no_show';
  confirmed_by: string;
  confirmed_at: Timestamp;
  /** Why it was recorded before the first leg left (migration 0018); null when it was not early. */
  override_reason: string | null;
}

export interface TravelTables {
  travel_booking: TravelBookingTable;
  travel_booking_member: TravelBookingMemberTable;
  travel_leg: TravelLegTable;
  travel_document: TravelDocumentTable;
  travel_member_assistance: TravelMemberAssistanceTable;
  travel_transit: TravelTransitTable;
  travel_escort: TravelEscortTable;
  travel_arrangement: TravelArrangementTable;
  travel_payment: TravelPaymentTable;
  travel_payment_correction: TravelPaymentCorrectionTable;
  travel_departure: TravelDepartureTable;
}
