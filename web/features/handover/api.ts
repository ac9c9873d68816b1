import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../../lib/api';

export const PURPOSES = ['reception', 'reintegration', 'medical_continuity', 'monitoring'] as const;
export type Purpose = (typeof PURPOSES)[number];
export const HANDOVER_FROM_STAGES = ['approved', 'travel_preparation', 'departed'];
export const RECEPTION_SERVICES = [
  'airport_reception', 'immigration_customs', 'onward_transport', 'temporary_accommodation', 'immediate_assistance', 'medical_care',
] as const;
export const RECEPTION_STATUSES = ['planned', 'provided', 'not_needed', 'cancelled'] as const;
/** Currencies offered first for reception costs; their exponents come from shared/money.ts (ISO 4217). */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'IQD', 'NGN', 'AFN', 'LKR', 'BRL'] as const;

export interface Handover {
  id: string;
  caseId: string;
  caseNumber: string;
  countryOfReturn: string;
  fromOfficeName: string;
  toOfficeId: string;
  toOfficeName: string;
  purpose: Purpose;
  fromStage: string;
  note: string | null;
  status: 'pending' | 'accepted' | 'declined';
  sentAt: string;
  sentByName: string;
  decidedAt: string | null;
  decidedByName: string | null;
  declineReason: string | null;
  receivingOfficerId: string | null;
  receivingOfficerName: string | null;
  restricted: boolean;
  version: number;
}

export interface Consent {
  id: string;
  purpose: Purpose;
  asylumHistory: boolean;
  counsellingNotes: boolean;
  healthInformation: boolean;
  consentedOn: string;
  recordedByName: string;
  endedAt: string | null;
  endedReason: string | null;
}

export interface ReceptionService {
  id: string;
  service: string;
  status: string;
  costMinor: number | null;
  currency: string | null;
  note: string | null;
  version: number;
}

export interface Sharing {
  asylumHistory: boolean;
  counsellingNotes: boolean;
  healthInformation: boolean;
}

export interface HandoverOverview {
  caseId: string;
  kind: string;
  stage: string;
  originOfficeId: string | null;
  admissionDate: string | null;
  audience: 'host' | 'origin';
  sharing: Sharing;
  handovers: Handover[];
  consents: Consent[];
  arrival: { arrivedOn: string; place: string; receivedByName: string | null; recordedByName: string; recordedAt: string } | null;
  receptionServices: ReceptionService[];
  receivers: { id: string; name: string }[];
}

export interface HandoverPackage {
  handover: Handover;
  sharing: Sharing;
  /** legalStatus is absent unless the returnee consented to share the asylum history. */
  case: { caseNumber: string; kind: string; stage: string; countryOfReturn: string; legalStatus?: string };
  household: { personId: string; relationship: string; travelling: boolean; givenName: string; familyName: string; sex: string; birthDate: string | null; nationality: string | null }[];
  vulnerabilities: { id: string; personId: string; category: string; status: string; identifiedOn: string; details?: string | null }[];
  specialMeasures: { id: string; personId: string; kind: string; title: string | null; status: string; dueOn: string | null; notes?: string | null }[];
  entitlement: { entitlement: unknown; outcome: string; rulesVersion: number; confirmedAt: string } | null;
  travel: { id: string; status: string; travelDate: string; bookingReference: string | null; legs: { position: number; carrier: string; flightOrRoute: string; fromCode: string; toCode: string; departsLocal: string; departsTimeZone: string; arrivesLocal: string; arrivesTimeZone: string }[] }[];
  reintegrationPlan: { exists: false };
  /** Absent unless the returnee consented to share counselling notes. */
  counsellingNotes?: { id: string; body: string; authorName: string; createdAt: string }[];
}

export const handoverKeys = {
  overview: (caseId: string) => ['handover', 'case', caseId] as const,
  incoming: ['handover', 'incoming'] as const,
  pkg: (id: string) => ['handover', 'package', id] as const,
  originOffices: (caseId: string) => ['handover', 'origin-offices', caseId] as const,
};

export const useHandoverOverview = (caseId: string) =>
  useQuery({ queryKey: handoverKeys.overview(caseId), queryFn: () => api.get<HandoverOverview>(`/api/cases/${seg(caseId)}/handover`) });

/** Origin offices a case may go to, with the officers who receive handovers there; `restricted`: one must be named. */
export interface OriginOffices {
  restricted: boolean;
  items: { id: string; name: string; officers: { id: string; name: string }[] }[];
}

export const useOriginOffices = (caseId: string, enabled: boolean) =>
  useQuery({
    queryKey: handoverKeys.originOffices(caseId),
    queryFn: () => api.get<OriginOffices>(`/api/cases/${seg(caseId)}/handover/origin-offices`),
    enabled,
  });

export const useIncoming = () =>
  useQuery({ queryKey: handoverKeys.incoming, queryFn: () => api.get<{ items: Handover[] }>('/api/handovers/incoming').then((d) => d.items) });

export const usePackage = (id: string | null) =>
  useQuery({
    queryKey: handoverKeys.pkg(id ?? ''),
    queryFn: () => api.get<HandoverPackage>(`/api/handovers/${seg(id!)}/package`),
    enabled: !!id,
    // Reading a package is audited: not behind the user's back.
    refetchOnWindowFocus: false,
  });
