import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, seg } from '../../lib/api';
import { caseKeys } from '../cases';

export const DOCUMENT_TYPES = ['passport', 'laissez_passer', 'visa', 'transit_visa', 'exit_permit'] as const;
export const DOCUMENT_STATUSES = ['to_request', 'requested', 'issued', 'refused', 'expired', 'cancelled'] as const;
export const TRANSIT_STATUSES = ['not_requested', 'requested', 'confirmed', 'refused'] as const;
export const ESCORT_KINDS = ['operational', 'medical'] as const;
export const ARRANGEMENT_KINDS = ['accommodation', 'transfer'] as const;
export const PAYMENT_KINDS = ['pocket_money', 'installation_grant'] as const;

export interface TravelDocument {
  id: string;
  version: number;
  personId: string;
  holder: string;
  type: (typeof DOCUMENT_TYPES)[number];
  maskedNumber: string | null;
  issuingAuthority: string | null;
  issuingCountry: string | null;
  requestedOn: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  status: (typeof DOCUMENT_STATUSES)[number];
  notes: string | null;
  expiresBeforeTravel: boolean;
  travelDate: string | null;
}

export interface Leg {
  id: string;
  position: number;
  carrier: string;
  flightOrRoute: string;
  fromCode: string;
  fromKind: 'airport' | 'border_crossing';
  toCode: string;
  toKind: 'airport' | 'border_crossing';
  departsLocal: string;
  departsTimeZone: string;
  arrivesLocal: string;
  arrivesTimeZone: string;
}

export interface Booking {
  id: string;
  version: number;
  status: 'requested' | 'booked' | 'ticketed' | 'cancelled' | 'no_show' | 'rebooked';
  bookingReference: string | null;
  travelDate: string;
  replacesBookingId: string | null;
  notes: string | null;
  toCancel: boolean;
  createdBy: string;
  createdAt: string;
  legs: Leg[];
  members: { personId: string; givenName: string; familyName: string; specialAssistance: string | null; departure: { outcome: 'departed' | 'no_show'; confirmedAt: string } | null }[];
  transits: { id: string; version: number; airportCode: string; assistanceStatus: (typeof TRANSIT_STATUSES)[number]; assistanceReference: string | null; notes: string | null }[];
  escorts: { id: string; kind: 'operational' | 'medical'; userId: string | null; name: string | null; organisation: string | null; label: string; legPositions: number[] }[];
  arrangements: { id: string; kind: 'accommodation' | 'transfer'; provider: string; details: string | null; startsAt: string; endsAt: string | null }[];
  payments: { id: string; kind: 'pocket_money' | 'installation_grant'; amountMinor: number; currency: string; recipient: string | null; receiptAttachmentId: string | null; receiptFileName: string | null; paidBy: string; paidAt: string }[];
}

export interface TravelView {
  caseId: string;
  stage: string;
  canManage: boolean;
  canBook: boolean;
  members: { personId: string; givenName: string; familyName: string; travelling: boolean }[];
  documents: TravelDocument[];
  bookings: Booking[];
  flags: { documentsExpiringBeforeTravel: string[]; bookingsToCancel: string[] };
}

export interface Flight {
  carrier: string;
  flight: string;
  date: string;
  fromCode: string;
  toCode: string;
  departsLocal: string;
  departsTimeZone: string;
  travellers: number;
  cases: { caseId: string; caseNumber: string; bookingId: string; bookingStatus: string; bookingReference: string | null; travellers: number; escorted: boolean; toCancel: boolean }[];
}

export const travelKeys = {
  caseTravel: (caseId: string) => ['travel', 'case', caseId] as const,
  movements: (from: string, to: string) => ['travel', 'movements', from, to] as const,
};

export function useTravel(caseId: string) {
  return useQuery({ queryKey: travelKeys.caseTravel(caseId), queryFn: () => api.get<TravelView>(`/api/cases/${seg(caseId)}/travel`) });
}

export function useMovements(from: string, to: string) {
  return useQuery({
    queryKey: travelKeys.movements(from, to),
    queryFn: () => api.get<{ from: string; to: string; flights: Flight[] }>(`/api/travel/movements?from=${seg(from)}&to=${seg(to)}`),
  });
}

export const etag = (id: string, version: number) => `"${id}.${version}"`;

/**
 * A change to the travel of a case: reloads the travel view, and the case itself when the change
 * may have moved it (a first booking, a departure).
 */
export function useTravelMutation<I>(caseId: string, run: (input: I) => Promise<unknown>, opts: { movesCase?: boolean; onDone?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: travelKeys.caseTravel(caseId) });
      await queryClient.invalidateQueries({ queryKey: ['travel', 'movements'] });
      if (opts.movesCase) await queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      opts.onDone?.();
    },
  });
}

export const travelApi = {
  post: (path: string, body: unknown, options: { etag?: string; create?: boolean } = {}) =>
    apiRequest('POST', path, { body, etag: options.etag ?? null, idempotencyKey: options.create ? true : undefined }).then((r) => r.data),
  patch: (path: string, body: unknown, etagValue: string) => apiRequest('PATCH', path, { body, etag: etagValue }).then((r) => r.data),
};

/** The full number of a travel document (the reveal is audited). */
export const revealDocumentNumber = (caseId: string, documentId: string) =>
  api.post<{ number: string }>(`/api/cases/${seg(caseId)}/travel/documents/${seg(documentId)}/reveal`, {});
