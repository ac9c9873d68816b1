import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Tables of migration 0009 (travel). */
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
}

export interface TravelMemberAssistanceTable {
  booking_id: string;
  person_id: string;
  needs: string;
}

export interface TravelTables {
  travel_member_assistance: TravelMemberAssistanceTable;
  travel_document: TravelDocumentTable;
  travel_transit: TravelTransitTable;
  travel_escort: TravelEscortTable;
  travel_arrangement: TravelArrangementTable;
  travel_payment: TravelPaymentTable;
  travel_payment_correction: TravelPaymentCorrectionTable;
  travel_departure: TravelDepartureTable;
}
