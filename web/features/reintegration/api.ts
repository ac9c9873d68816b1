import type { z } from 'zod';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiRequest, compactBody, etagOf, newIdempotencyKey, seg } from '../../lib/api';
import { useCaseTabAction } from '../cases';
import type { ProviderPage } from '../../../shared/schemas/providers';
import type {
  agreementBody, ApprovalInput, componentBody, componentStatusBody, ComponentView, PlanBudgetLinesView, PlanCheckView, PlanVersionView, PlanView,
} from '../../../shared/schemas/reintegration';

export type Plan = PlanView;
export type PlanVersion = PlanVersionView;
export type PlanComponent = ComponentView;
export type ComponentInput = z.output<typeof componentBody>;
export type AgreementInput = z.output<typeof agreementBody>;
export type ComponentStatusInput = z.output<typeof componentStatusBody>;
export type PlanCheck = PlanCheckView;
export type { ApprovalInput };

export interface PlanWithEtag {
  plan: Plan;
  etag: string;
}

export const planKeys = { plan: (caseId: string) => ['reintegration', 'plan', caseId] as const };

const withEtag = (data: Plan, etag: string | null): PlanWithEtag => ({ plan: data, etag: etag ?? etagOf(data.id, data.version) ?? '' });
const base = (caseId: string) => `/api/cases/${seg(caseId)}/reintegration-plan`;

export function usePlan(caseId: string) {
  return useQuery({
    queryKey: planKeys.plan(caseId),
    queryFn: async () => {
      const { data, etag } = await apiRequest<Plan>('GET', base(caseId));
      return withEtag(data, etag);
    },
  });
}

/** The writes of the Reintegration tab: each answers the plan with the case's new ETag; the case (stage, version) is then reloaded. */
export function usePlanAction<T>(caseId: string, request: (input: T, etag: string) => Promise<{ data: Plan; etag: string | null }>) {
  return useCaseTabAction(caseId, planKeys.plan(caseId), withEtag, request);
}

export const planRequests = {
  add: (caseId: string) => (input: ComponentInput, etag: string) =>
    apiRequest<Plan>('POST', `${base(caseId)}/components`, { body: input, etag, idempotencyKey: newIdempotencyKey() }),
  update: (caseId: string) => (input: { id: string; body: ComponentInput }, etag: string) =>
    apiRequest<Plan>('PUT', `${base(caseId)}/components/${seg(input.id)}`, { body: input.body, etag }),
  remove: (caseId: string) => (input: { id: string }, etag: string) =>
    apiRequest<Plan>('DELETE', `${base(caseId)}/components/${seg(input.id)}`, { etag }),
  agree: (caseId: string) => (input: AgreementInput, etag: string) =>
    apiRequest<Plan>('PUT', `${base(caseId)}/agreement`, { body: input, etag }),
  approve: (caseId: string) => (input: ApprovalInput, etag: string) =>
    apiRequest<Plan>('POST', `${base(caseId)}/approval`, { body: compactBody(input), etag }),
  change: (caseId: string) => (_input: null, etag: string) =>
    apiRequest<Plan>('POST', `${base(caseId)}/change`, { etag, idempotencyKey: newIdempotencyKey() }),
  status: (caseId: string) => (input: { id: string; body: ComponentStatusInput }, etag: string) =>
    apiRequest<Plan>('PUT', `${base(caseId)}/components/${seg(input.id)}/status`, { body: input.body, etag }),
};

/** The budget lines of the case's project a component may draw on (the component form's picker). */
export function usePlanBudgetLines(caseId: string) {
  return useQuery({
    queryKey: ['reintegration', 'budget-lines', caseId],
    queryFn: ({ signal }) => api.get<PlanBudgetLinesView>(`${base(caseId)}/budget-lines`, { signal }),
  });
}

/** Usable (vetted) providers of the registry, by name (the component form's picker); those offering the kind of component first. */
export function useProviderOptions(name: string) {
  const body = compactBody({ status: 'vetted', name: name.trim() || undefined, sort: 'name', pageSize: 100 });
  return useQuery({
    queryKey: ['reintegration', 'providers', body],
    queryFn: ({ signal }) => api.post<ProviderPage>('/api/providers/search', body, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Uploads the signed plan through the case attachments and answers its id. */
export async function uploadSignedPlan(caseId: string, file: File, description: string): Promise<string> {
  const form = new FormData();
  form.append('description', description);
  form.append('file', file, file.name);
  const created = await api.create<{ id: string }>(`/api/cases/${seg(caseId)}/attachments`, form);
  return created.id;
}
