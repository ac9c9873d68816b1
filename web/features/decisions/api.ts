import type { z } from 'zod';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, etagOf, seg } from '../../lib/api';
import { useCaseTabAction } from '../cases';
import type { ApplicationQueue, DECIDED_BY, DecisionsView, InformedDecisionView, recordDecisionBody } from '../../../shared/schemas/decisions';

export type DecidedBy = (typeof DECIDED_BY)[number];

export type Decision = InformedDecisionView;

export type DecisionMember = DecisionsView['members'][number];

export type Application = DecisionsView['applications'][number];

export type DecisionOverview = DecisionsView;

export interface OverviewWithEtag {
  overview: DecisionOverview;
  etag: string;
}

export type RecordDecisionInput = z.input<typeof recordDecisionBody>;

export type ApplicationToApprove = ApplicationQueue['items'][number];

export const decisionKeys = {
  overview: (caseId: string) => ['decisions', 'overview', caseId] as const,
  toApprove: (page: number, pageSize: number) => ['decisions', 'to-approve', page, pageSize] as const,
};

const withEtag = (data: DecisionOverview, etag: string | null): OverviewWithEtag => ({ overview: data, etag: etag ?? etagOf(data.id, data.version) ?? '' });

export function useDecisionOverview(caseId: string) {
  return useQuery({
    queryKey: decisionKeys.overview(caseId),
    queryFn: async () => {
      const { data, etag } = await apiRequest<DecisionOverview>('GET', `/api/cases/${seg(caseId)}/decisions`);
      return withEtag(data, etag);
    },
  });
}

/**
 * The writes of the Decision tab: each answers the new overview with the case's new ETag; the case
 * itself (stage, version) is then reloaded.
 */
export function useDecisionAction<T>(caseId: string, request: (input: T, etag: string) => Promise<{ data: DecisionOverview; etag: string | null }>) {
  return useCaseTabAction(caseId, decisionKeys.overview(caseId), withEtag, request, [['decisions', 'to-approve']]);
}

export const decisionRequests = {
  travelling: (caseId: string) => (input: { personId: string; travelling: boolean }, etag: string) =>
    apiRequest<DecisionOverview>('PUT', `/api/cases/${seg(caseId)}/members/${seg(input.personId)}/travelling`, { body: { travelling: input.travelling }, etag }),
  record: (caseId: string) => (input: { body: RecordDecisionInput; key: string }, etag: string) =>
    apiRequest<DecisionOverview>('POST', `/api/cases/${seg(caseId)}/decisions`, { body: input.body, etag, idempotencyKey: input.key }),
  withdraw: (caseId: string) => (input: { reason: string }, etag: string) =>
    apiRequest<DecisionOverview>('POST', `/api/cases/${seg(caseId)}/withdrawal`, { body: input.reason ? { reason: input.reason } : {}, etag }),
  submit: (caseId: string) => (_input: null, etag: string) =>
    apiRequest<DecisionOverview>('POST', `/api/cases/${seg(caseId)}/application`, { etag }),
  decide: (caseId: string) => (input: { outcome: 'approved' | 'rejected'; reason?: string }, etag: string) =>
    apiRequest<DecisionOverview>('POST', `/api/cases/${seg(caseId)}/application/decision`, { body: input, etag }),
};

/** Uploads the signed declaration through the case attachments and answers its id. */
export async function uploadDeclaration(caseId: string, file: File, description: string): Promise<string> {
  const form = new FormData();
  form.append('description', description);
  form.append('file', file, file.name);
  const created = await api.create<{ id: string }>(`/api/cases/${seg(caseId)}/attachments`, form);
  return created.id;
}

export function useApplicationsToApprove(page: number, pageSize: number) {
  return useQuery({
    queryKey: decisionKeys.toApprove(page, pageSize),
    queryFn: () => api.post<{ items: ApplicationToApprove[]; total: number; page: number; pageSize: number }>('/api/applications/search', { page, pageSize }),
    placeholderData: keepPreviousData,
  });
}
