import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, seg } from '../../lib/api';
import type {
  CaseHandoverView, ConsentView, HandoverPackage, HandoverView, IncomingPage, IncomingSearchInput, OriginOfficeList, ReceptionServiceView,
} from '../../../shared/schemas/handover';

export {
  HANDOVER_STATUSES, INCOMING_SORTS, type IncomingSort,
  HANDOVER_FROM_STAGES, HANDOVER_PURPOSES as PURPOSES, RECEPTION_SERVICES, RECEPTION_STATUSES, type HandoverPurpose as Purpose,
} from '../../../shared/schemas/handover';
/** Currencies offered first for reception costs; their exponents come from shared/money.ts (ISO 4217). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'IQD', 'NGN', 'AFN', 'LKR', 'BRL'] as const;

export type Handover = HandoverView;

export type Consent = ConsentView;

export type ReceptionService = ReceptionServiceView;

export type Sharing = CaseHandoverView['sharing'];

export type HandoverOverview = CaseHandoverView;

export type { HandoverPackage };

export const handoverKeys = {
  overview: (caseId: string) => ['handover', 'case', caseId] as const,
  incoming: (search: unknown) => ['handover', 'incoming', search] as const,
  pkg: (id: string) => ['handover', 'package', id] as const,
  originOffices: (caseId: string) => ['handover', 'origin-offices', caseId] as const,
};

export const useHandoverOverview = (caseId: string) =>
  useQuery({ queryKey: handoverKeys.overview(caseId), queryFn: () => api.get<HandoverOverview>(`/api/cases/${seg(caseId)}/handover`) });

/** Origin offices a case may go to, with the officers who receive handovers there; `restricted`: one must be named. */
export type OriginOffices = OriginOfficeList;

export const useOriginOffices = (caseId: string, enabled: boolean) =>
  useQuery({
    queryKey: handoverKeys.originOffices(caseId),
    queryFn: () => api.get<OriginOffices>(`/api/cases/${seg(caseId)}/handover/origin-offices`),
    enabled,
  });

/** The incoming list's filters, sort and page, as the server takes them (a POST: no case number in a URL). */
export type IncomingSearch = Partial<IncomingSearchInput>;

export const useIncoming = (search: IncomingSearch) => {
  const body = compactBody(search);
  return useQuery({
    queryKey: handoverKeys.incoming(body),
    queryFn: ({ signal }) => api.post<IncomingPage>('/api/handovers/incoming/search', body, { signal }),
    placeholderData: keepPreviousData,
  });
};

export const usePackage = (id: string | null) =>
  useQuery({
    queryKey: handoverKeys.pkg(id ?? ''),
    queryFn: () => api.get<HandoverPackage>(`/api/handovers/${seg(id!)}/package`),
    enabled: !!id,
    // Reading a package is audited: not behind the user's back.
    refetchOnWindowFocus: false,
  });

export const sendHandover = (caseId: string, body: unknown) => api.create(`/api/cases/${seg(caseId)}/handovers`, body);

/** The origin office accepts the handover, or declines it with a reason. */
export const answerHandover = (handover: { id: string; version: number }, action: 'accept' | 'decline', reason?: string) =>
  apiRequest('POST', `/api/handovers/${seg(handover.id)}/${action}`, {
    body: action === 'decline' ? { reason } : {},
    etag: etagOf(handover.id, handover.version),
  });

export const withdrawConsent = (caseId: string, consentId: string) =>
  api.post(`/api/cases/${seg(caseId)}/handover-consents/${seg(consentId)}/withdraw`);

export const addReceptionService = (caseId: string, body: unknown) => api.create(`/api/cases/${seg(caseId)}/reception-services`, body);

export const updateReceptionService = (caseId: string, service: { id: string; version: number }, status: string) =>
  apiRequest('PATCH', `/api/cases/${seg(caseId)}/reception-services/${seg(service.id)}`, { body: { status }, etag: etagOf(service.id, service.version) });
