import { useQuery } from '@tanstack/react-query';
import type { ArrivalAssessmentBody, CaseArrivalAssessment, CompleteFollowUpBody, FollowUpView } from '../../../shared/schemas/monitoring';
import type { ProviderPage } from '../../../shared/schemas/providers';
import { api, apiRequest, etagOf, seg } from '../../lib/api';

type Versioned = { id: string; version: number };

export const followUpKeys = {
  officers: (caseId: string) => ['monitoring', 'officers', caseId] as const,
  providers: ['monitoring', 'providers'] as const,
  arrival: (caseId: string) => ['monitoring', 'arrival', caseId] as const,
};

export const completeFollowUp = (f: Versioned, body: CompleteFollowUpBody) =>
  apiRequest<FollowUpView>('POST', `/api/monitoring/follow-ups/${seg(f.id)}/completion`, { body, etag: etagOf(f.id, f.version) }).then((r) => r.data);
export const reassignFollowUp = (f: Versioned, ownerId: string) =>
  apiRequest<FollowUpView>('PUT', `/api/monitoring/follow-ups/${seg(f.id)}/owner`, { body: { ownerId }, etag: etagOf(f.id, f.version) }).then((r) => r.data);
export const rescheduleFollowUp = (f: Versioned, body: { dueOn: string; reason: string }) =>
  apiRequest<FollowUpView>('PUT', `/api/monitoring/follow-ups/${seg(f.id)}/due-date`, { body, etag: etagOf(f.id, f.version) }).then((r) => r.data);

/** Officers of the case's offices a follow-up may be given to. */
export const useFollowUpOfficers = (caseId: string, enabled: boolean) =>
  useQuery({ queryKey: followUpKeys.officers(caseId), queryFn: () => api.get<{ items: { id: string; name: string }[] }>(`/api/cases/${seg(caseId)}/monitoring/officers`), enabled });

/** Vetted providers of the registry within reach, for a referral. */
export const useReferralProviders = (enabled: boolean) =>
  useQuery({ queryKey: followUpKeys.providers, queryFn: ({ signal }) => api.post<ProviderPage>('/api/providers/search', { status: 'vetted', pageSize: 200 }, { signal }), enabled });

export const useArrivalAssessment = (caseId: string, enabled = true) =>
  useQuery({ queryKey: followUpKeys.arrival(caseId), queryFn: () => api.get<CaseArrivalAssessment>(`/api/cases/${seg(caseId)}/arrival-assessment`), enabled });

export const recordArrivalAssessment = (caseId: string, body: ArrivalAssessmentBody) =>
  api.create<NonNullable<CaseArrivalAssessment['assessment']>>(`/api/cases/${seg(caseId)}/arrival-assessment`, body);
export const replaceArrivalAssessment = (a: Versioned, body: ArrivalAssessmentBody & { reason: string }) =>
  apiRequest<NonNullable<CaseArrivalAssessment['assessment']>>('PUT', `/api/monitoring/arrival-assessments/${seg(a.id)}`, { body, etag: etagOf(a.id, a.version) }).then((r) => r.data);
