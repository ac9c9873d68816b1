import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, seg } from '../../lib/api';
import { caseKeys } from '../cases';
import type { BookingView, CaseTravelView, MovementsView, TravelDocumentView } from '../../../shared/schemas/travel';

export {
  ARRANGEMENT_KINDS, ESCORT_KINDS, PAYMENT_KINDS, TRANSIT_ASSISTANCE_STATUSES as TRANSIT_STATUSES, TRAVEL_DOCUMENT_STATUSES as DOCUMENT_STATUSES,
  TRAVEL_DOCUMENT_TYPES as DOCUMENT_TYPES,
} from '../../../shared/schemas/travel';

export type TravelDocument = TravelDocumentView;

export type Leg = BookingView['legs'][number];

export type Booking = BookingView;

export type TravelView = CaseTravelView;

export type Flight = MovementsView['flights'][number];

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
/** Refreshes what a travel write changes: the case's travel, the movements, the case itself when its stage moves. */
export function useTravelChanged(caseId: string, opts: { movesCase?: boolean } = {}) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: travelKeys.caseTravel(caseId) });
    await queryClient.invalidateQueries({ queryKey: ['travel', 'movements'] });
    if (opts.movesCase) await queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
  };
}

export function useTravelMutation<I>(caseId: string, run: (input: I) => Promise<unknown>, opts: { movesCase?: boolean; onDone?: () => void } = {}) {
  const changed = useTravelChanged(caseId, opts);
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await changed();
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
